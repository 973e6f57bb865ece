import { describe, expect, it } from 'vitest';
import type { ActionSettings } from '../../src/action/inputs.js';
import { mxTlsMode } from '../../src/main.js';
import { parseSocksProxyUrl } from '../../src/probes/socks.js';

const settings = (checkMxTls: ActionSettings['checkMxTls']) =>
  ({ checkMxTls, smtpProxy: null }) as ActionSettings;

describe('check-mx-tls on GitHub-hosted runners (outbound port 25 is blocked there)', () => {
  it.each([
    ['auto on a GitHub-hosted runner skips the probes and says why', 'auto', 'github-hosted', 'false', true],
    ['auto on a self-hosted runner probes', 'auto', 'self-hosted', 'auto', false],
    ['auto outside Actions probes', 'auto', undefined, 'auto', false],
    ['true always probes, even on a hosted runner', 'true', 'github-hosted', 'true', false],
    ['false never probes', 'false', 'self-hosted', 'false', false],
  ] as const)('%s', (_name, input, runner, expected, hasReason) => {
    const env = runner === undefined ? {} : { RUNNER_ENVIRONMENT: runner };
    const mode = mxTlsMode(settings(input), { env });
    expect(mode.checkMxTls).toBe(expected);
    expect(mode.mxTlsSkipReason !== undefined).toBe(hasReason);
  });
});

describe('check-mx-tls with smtp-proxy (issue #10 part 2)', () => {
  const proxy = parseSocksProxyUrl('socks5://127.0.0.1:1080');
  it('auto probes on a GitHub-hosted runner when a proxy is set: port 25 is reached through it', () => {
    const mode = mxTlsMode(
      { checkMxTls: 'auto', smtpProxy: proxy },
      { env: { RUNNER_ENVIRONMENT: 'github-hosted' } },
    );
    expect(mode).toEqual({ checkMxTls: 'auto' });
  });
  it('false still never probes', () => {
    const mode = mxTlsMode(
      { checkMxTls: 'false', smtpProxy: proxy },
      { env: { RUNNER_ENVIRONMENT: 'github-hosted' } },
    );
    expect(mode.checkMxTls).toBe('false');
  });
});
