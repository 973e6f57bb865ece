#!/usr/bin/env node
/*
 * The command-line entry. The Node version is checked before the CLI itself is loaded (a dynamic import), so an
 * old Node gets one line naming the version needed, not a crash (issue #11 item 3). Keep this file and
 * src/node-support.ts in syntax that old Node releases parse.
 */
import { isSupportedNode, unsupportedNodeMessage } from './node-support.js';

if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(unsupportedNodeMessage(process.versions.node));
  // 2, as for a usage error: the command cannot run as given.
  process.exitCode = 2;
} else {
  import('./cli.js')
    .then(function (cli) {
      return cli.runCli(process.argv.slice(2), {
        stdout: process.stdout,
        stderr: process.stderr,
        stdin: process.stdin,
      });
    })
    .then(
      function (code) {
        process.exitCode = code;
      },
      function (error: unknown) {
        // Only a bug reaches this point: expected failures are turned into messages inside runCli.
        process.stderr.write(
          'mta-sts-drift: internal error: ' +
            (error instanceof Error ? error.stack || error.message : String(error)) +
            '\n',
        );
        process.exitCode = 3;
      },
    );
}
