import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectFolder, SourceError } from '../../src/probes/tlsrpt-folder.js';
import {
  decodeMessage,
  emptyCollected,
  gunzipBounded,
  SOURCE_LIMITS,
} from '../../src/probes/tlsrpt-decode.js';
import { tlsrptMessage, tlsrptReport } from '../helpers/tlsrpt-fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-tlsrpt-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const json = (options: Parameters<typeof tlsrptReport>[0] = {}): Buffer =>
  Buffer.from(JSON.stringify(tlsrptReport(options)));

describe('collectFolder: .json, .json.gz and .eml files (issue #10 item 1)', () => {
  it('reads plain JSON, real gzip files and RFC 8460 §5.3 messages; ignores other files', async () => {
    await writeFile(join(dir, 'a.json'), json({ reportId: 'a' }));
    await writeFile(
      join(dir, 'sender!example.com!1780099200!1780185599.json.gz'),
      gzipSync(json({ reportId: 'b' })),
    );
    await writeFile(join(dir, 'c.eml'), tlsrptMessage(gzipSync(json({ reportId: 'c' }))));
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await writeFile(join(dir, '.hidden.json'), '{');
    await mkdir(join(dir, 'sub.json'));
    const out = await collectFolder(dir);
    expect(out.reports.map((r) => [r.source, r.report.reportId])).toEqual([
      [join(dir, 'a.json'), 'a'],
      [join(dir, 'c.eml'), 'c'],
      [join(dir, 'sender!example.com!1780099200!1780185599.json.gz'), 'b'],
    ]);
    expect(out.rejected).toEqual([]);
    expect(out.ignored).toEqual([
      { source: join(dir, 'notes.txt'), reason: 'not a .json, .json.gz or .eml file' },
    ]);
  });

  it('reads one file given directly', async () => {
    const file = join(dir, 'one.json.gz');
    await writeFile(file, gzipSync(json()));
    expect((await collectFolder(file)).reports).toHaveLength(1);
  });

  it('accepts a .json file that is really gzip (by its magic number), and a .json.gz that is plain JSON', async () => {
    await writeFile(join(dir, 'gz-named.json'), gzipSync(json({ reportId: 'x' })));
    await writeFile(join(dir, 'plain-named.json.gz'), json({ reportId: 'y' }));
    expect((await collectFolder(dir)).reports.map((r) => r.report.reportId)).toEqual(['x', 'y']);
  });

  it('rejects broken files with a reason naming the file and the problem', async () => {
    await writeFile(join(dir, 'bad.json'), '{"organization-name": "x"');
    await writeFile(join(dir, 'bad.json.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3]));
    await writeFile(join(dir, 'fields.json'), JSON.stringify({ ...tlsrptReport(), policies: 'none' }));
    const out = await collectFolder(dir);
    expect(out.rejected.map((r) => r.source)).toEqual([
      join(dir, 'bad.json'),
      join(dir, 'bad.json.gz'),
      join(dir, 'fields.json'),
    ]);
    expect(out.rejected[0]?.reason).toMatch(/^not JSON: /);
    expect(out.rejected[1]?.reason).toMatch(/^not valid gzip data: /);
    expect(out.rejected[2]?.reason).toBe('policies is a string, expected an array');
  });

  it('rejects a gzip bomb at the inflate limit with a clear reason', async () => {
    // 64 MiB of zeros compress to about 64 KiB: far over the 8 MiB bound once inflated.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(SOURCE_LIMITS.maxInputBytes);
    await writeFile(join(dir, 'bomb.json.gz'), bomb);
    const out = await collectFolder(dir);
    expect(out.reports).toEqual([]);
    expect(out.rejected).toEqual([
      {
        source: join(dir, 'bomb.json.gz'),
        reason: `gzip data inflates to more than ${SOURCE_LIMITS.maxInflatedBytes} bytes (a gzip bomb?); not read`,
      },
    ]);
  });

  it('gunzipBounded: accepts exactly the limit, refuses one byte more', () => {
    const data = gzipSync(Buffer.alloc(1000, 0x61));
    expect(gunzipBounded(data, 1000)).toHaveLength(1000);
    expect(() => gunzipBounded(data, 999)).toThrow(
      'gzip data inflates to more than 999 bytes (a gzip bomb?); not read',
    );
  });

  it('rejects a file over the size bound without reading it', async () => {
    await writeFile(join(dir, 'big.json'), Buffer.alloc(2001, 0x20));
    await writeFile(join(dir, 'ok.json'), json());
    const out = await collectFolder(dir, { maxInputBytes: 2000, maxFiles: 10 });
    expect(out.rejected).toEqual([
      { source: join(dir, 'big.json'), reason: 'file is 2001 bytes; at most 2000 are read' },
    ]);
    expect(out.reports).toHaveLength(1);
  });

  it('reads at most maxFiles files and names the others in ignored', async () => {
    for (const name of ['1.json', '2.json', '3.json', '4.json'])
      await writeFile(join(dir, name), json({ reportId: name }));
    const out = await collectFolder(dir, { maxInputBytes: SOURCE_LIMITS.maxInputBytes, maxFiles: 2 });
    expect(out.reports.map((r) => r.report.reportId)).toEqual(['1.json', '2.json']);
    expect(out.ignored).toEqual([
      { source: join(dir, '3.json'), reason: 'over the bound of 2 files per folder; not read' },
      { source: join(dir, '4.json'), reason: 'over the bound of 2 files per folder; not read' },
    ]);
  });

  it('folds notes about many skipped files into one line after 50', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => writeFile(join(dir, `f${String(i).padStart(2, '0')}.txt`), '')),
    );
    const out = await collectFolder(dir);
    expect(out.ignored).toHaveLength(51);
    expect(out.ignored[50]).toEqual({
      source: dir,
      reason: '10 more files: not a .json, .json.gz or .eml file',
    });
  });

  it('throws SourceError for a path that does not exist or is not a report file', async () => {
    await expect(collectFolder(join(dir, 'missing'))).rejects.toThrow(
      new SourceError(`cannot read the report source ${join(dir, 'missing')}: ENOENT`),
    );
    await writeFile(join(dir, 'x.txt'), '');
    await expect(collectFolder(join(dir, 'x.txt'))).rejects.toThrow(
      `${join(dir, 'x.txt')} is not a .json, .json.gz or .eml file`,
    );
  });
});

describe('decodeMessage: RFC 8460 §5.3 messages', () => {
  async function decode(raw: string | Buffer) {
    const out = emptyCollected();
    await decodeMessage(typeof raw === 'string' ? Buffer.from(raw) : raw, 'msg', out);
    return out;
  }

  it('reads an application/tlsrpt+gzip part', async () => {
    const out = await decode(tlsrptMessage(gzipSync(json({ reportId: 'gz' }))));
    expect(out.reports.map((r) => [r.source, r.report.reportId])).toEqual([['msg', 'gz']]);
  });

  it('reads an application/tlsrpt+json part', async () => {
    const out = await decode(
      tlsrptMessage(json({ reportId: 'plain' }), {
        mediaType: 'application/tlsrpt+json',
        filename: 'r.json',
      }),
    );
    expect(out.reports.map((r) => r.report.reportId)).toEqual(['plain']);
  });

  it('reads an application/gzip part with a report file name (a variation some reporters send)', async () => {
    const out = await decode(
      tlsrptMessage(gzipSync(json({ reportId: 'loose' })), { mediaType: 'application/gzip' }),
    );
    expect(out.reports.map((r) => r.report.reportId)).toEqual(['loose']);
  });

  it('numbers several report parts #1, #2', async () => {
    const out = await decode(
      tlsrptMessage(gzipSync(json({ reportId: 'p1' })), { more: [gzipSync(json({ reportId: 'p2' }))] }),
    );
    expect(out.reports.map((r) => [r.source, r.report.reportId])).toEqual([
      ['msg#1', 'p1'],
      ['msg#2', 'p2'],
    ]);
  });

  it('ignores a message without a report part (other mail in the rua mailbox)', async () => {
    const out = await decode('From: a@example.com\r\nSubject: hello\r\n\r\nhi\r\n');
    expect(out.ignored).toEqual([
      {
        source: 'msg',
        reason: 'no application/tlsrpt+gzip or application/tlsrpt+json part (not a TLS-RPT report)',
      },
    ]);
  });

  it('rejects a gzip bomb inside a message', async () => {
    const out = await decode(tlsrptMessage(gzipSync(Buffer.alloc(32 * 1024 * 1024), { level: 9 })));
    expect(out.rejected).toEqual([
      {
        source: 'msg',
        reason: `gzip data inflates to more than ${SOURCE_LIMITS.maxInflatedBytes} bytes (a gzip bomb?); not read`,
      },
    ]);
  });

  it('rejects more report parts than the bound', async () => {
    const part = gzipSync(json());
    const out = await decode(
      tlsrptMessage(part, { more: Array.from({ length: SOURCE_LIMITS.maxReportsPerMessage }, () => part) }),
    );
    expect(out.rejected).toEqual([
      {
        source: 'msg',
        reason: `message has 11 report parts; at most ${SOURCE_LIMITS.maxReportsPerMessage} are read`,
      },
    ]);
  });

  it('rejects a message over the size bound before parsing it', async () => {
    const out = await decode(Buffer.alloc(SOURCE_LIMITS.maxInputBytes + 1, 0x61));
    expect(out.rejected).toEqual([
      {
        source: 'msg',
        reason: `message is ${SOURCE_LIMITS.maxInputBytes + 1} bytes; at most ${SOURCE_LIMITS.maxInputBytes} are read`,
      },
    ]);
  });
});
