/**
 * The Node.js releases the CLI runs on (issue #11 item 3). Loaded before anything else by src/cli-entry.ts, so it
 * is written in syntax that old releases still parse (no `?.`, `??`, class fields or top-level await): an old Node
 * then prints one clear line instead of a SyntaxError or a crash deep inside the check.
 *
 * 22.13 is the first 22.x with every API the CLI uses: `util.getSystemErrorMessage` (22.12) and the
 * `validateStream` option of `util.styleText` (22.13); the test suite passes on 22.13.0. 23 is no longer
 * maintained upstream and is refused (23.0 lacks getSystemErrorMessage); 24 and later are accepted.
 */

/** The version needed, as people read it. */
export const NODE_NEEDED = '22.13 or later (the 22 or 24 LTS lines)';

/** Is this Node version (`process.versions.node`, e.g. "22.13.1") one the CLI runs on? */
export function isSupportedNode(version: string): boolean {
  const parts = version.split('.');
  const major = Number(parts[0]);
  const minor = Number(parts[1]);
  if (!(major >= 0) || !(minor >= 0)) return false;
  if (major === 22) return minor >= 13;
  return major >= 24;
}

/** The one line printed on an unsupported Node. */
export function unsupportedNodeMessage(version: string): string {
  return 'mta-sts-drift: needs Node.js ' + NODE_NEEDED + '; this is Node.js ' + version + '\n';
}
