#!/usr/bin/env node
/*
 * The command-line entry. The Node version is checked before the CLI itself is loaded (a dynamic import), so an
 * old Node gets one line naming the version needed, not a crash (issue #11 item 3). Keep this file and
 * src/node-support.ts in syntax that old Node releases parse.
 */
import nodeModule from 'node:module';
import { isSupportedNode, unsupportedNodeMessage } from './node-support.js';

/**
 * Node's on-disk cache of compiled code (Node 22.1 and later; TypeScript's tsc does the same): a run after the first
 * skips compiling the bundle, about 40 ms of every start (issue #9 item 4). The directory is Node's default,
 * `node-compile-cache` under os.tmpdir(), or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off. A cache
 * that cannot be written only costs the compile, so failures are ignored.
 */
function enableCompileCache(): void {
  try {
    if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
  } catch {
    // Ignored: see above.
  }
}

if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(unsupportedNodeMessage(process.versions.node));
  // 2, as for a usage error: the command cannot run as given.
  process.exitCode = 2;
} else {
  enableCompileCache();
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
