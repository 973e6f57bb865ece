import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs the tests on Node 24, as GitHub runs the action (runs.using: node24)', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(24);
  });
});
