#!/usr/bin/env node
import { runCli } from './cli.js';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    // Only a bug reaches this point: expected failures are turned into messages inside runCli.
    process.stderr.write(
      `mta-sts-drift: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 3;
  },
);
