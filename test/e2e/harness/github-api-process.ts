/**
 * The GitHub API of the Action's end-to-end test, as a process of its own inside the namespace: the Action runs in
 * the namespace, and nothing the suite starts may listen outside it. It is the unit tests' server
 * (test/helpers/github-api-server.ts), unchanged, on a random port of the namespace's 127.0.0.1.
 *
 *   node --import tsx test/e2e/harness/github-api-process.ts DUMP_FILE
 *
 * Environment: `E2E_GITHUB_TOKEN`, the token it accepts (default `test-token`); `E2E_GITHUB_REPOSITORY`,
 * `owner/repo` (default `octo/dns`). It prints `api <url>` (for GITHUB_API_URL) and `control <url>` on stdout.
 * `POST <control>/dump` writes what it recorded (every request, every issue) to DUMP_FILE and answers with the same
 * JSON; SIGTERM writes it once more and exits. The control listener is part of this entry only: the API server
 * itself records every request it gets, so a dump request there would count as a read of the Action.
 */
import { once } from 'node:events';
import { rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startGitHubApiServer,
  type FakeIssue,
  type RecordedApiRequest,
} from '../../helpers/github-api-server.js';

/** What DUMP_FILE holds. */
export interface GitHubApiDump {
  /** Increases with each dump, so a reader can tell a fresh file from an old one. */
  readonly sequence: number;
  readonly url: string;
  readonly requests: readonly RecordedApiRequest[];
  /** Every issue, lowest number first, as the server holds it now. */
  readonly issues: readonly FakeIssue[];
}

async function main(): Promise<void> {
  const dumpFile = process.argv[2];
  if (dumpFile === undefined || dumpFile === '') {
    process.stderr.write('usage: github-api-process.ts DUMP_FILE\n');
    process.exit(2);
  }
  const [owner = 'octo', repo = 'dns'] = (process.env.E2E_GITHUB_REPOSITORY ?? 'octo/dns').split('/');
  const api = await startGitHubApiServer({
    owner,
    repo,
    token: process.env.E2E_GITHUB_TOKEN ?? 'test-token',
  });

  let sequence = 0;
  const dump = async (): Promise<GitHubApiDump> => {
    const data: GitHubApiDump = {
      sequence: ++sequence,
      url: api.url,
      requests: [...api.requests],
      issues: [...api.issues.values()].sort((a, b) => a.number - b.number),
    };
    // Atomic: the test reads the file while this process may be writing the next one.
    const temporary = `${dumpFile}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`);
    await rename(temporary, dumpFile);
    return data;
  };

  const control = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/dump') {
      response.writeHead(404).end();
      return;
    }
    dump().then(
      (data) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(data));
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      },
    );
  });
  await once(control.listen(0, '127.0.0.1'), 'listening');
  const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

  process.once('SIGTERM', () => {
    dump()
      .catch((error: unknown) => {
        process.stderr.write(`could not write ${dumpFile}: ${String(error)}\n`);
        process.exitCode = 1;
      })
      .finally(() => process.exit());
  });
  process.stdout.write(`api ${api.url}\ncontrol ${controlUrl}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
