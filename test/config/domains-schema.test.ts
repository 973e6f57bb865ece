import { describe, expect, it } from 'vitest';
import schema from '../../src/config/domains.schema.json' with { type: 'json' };

type Schema = Record<string, unknown>;

const definitions = schema.definitions as Record<string, Schema>;

/** Follows a local `$ref`; the schema must not point outside itself. */
function resolve(node: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  expect(ref).toMatch(/^#\/definitions\//);
  const target = definitions[ref.slice('#/definitions/'.length)];
  expect(target, ref).toBeDefined();
  return target!;
}

/** Every subschema, reached through properties, items and if/then/else branches. */
function walk(node: Schema, visit: (node: Schema, where: string) => void, where = '#'): void {
  visit(node, where);
  for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
    walk(child, visit, `${where}/properties/${name}`);
  }
  for (const key of ['items', 'then', 'else'] as const) {
    const child = node[key] as Schema | undefined;
    if (child !== undefined) walk(child, visit, `${where}/${key}`);
  }
}

describe('domains.schema.json', () => {
  it('is self-contained: every $ref is local and resolves', () => {
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const name = /#\/definitions\/([^"]+)/.exec(ref)?.[1];
      expect(name && definitions[name], ref).toBeDefined();
    }
  });

  it('gives every property a title and a description, for editors', () => {
    const missing: string[] = [];
    const roots: Array<[string, Schema]> = [['#', schema], ...Object.entries(definitions)];
    for (const [name, root] of roots) {
      walk(root, (node, where) => {
        for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
          const target = resolve(child);
          if (typeof target.title !== 'string' || typeof target.description !== 'string') {
            missing.push(`${name}${where.slice(1)}/properties/${key}`);
          }
        }
      });
    }
    expect(missing).toStrictEqual([]);
  });

  it('closes every object schema with additionalProperties: false', () => {
    const open: string[] = [];
    for (const [name, definition] of Object.entries(definitions)) {
      walk(definition, (node, where) => {
        if (node.type === 'object' && node.additionalProperties !== false)
          open.push(`${name}${where.slice(1)}`);
      });
    }
    expect(open).toStrictEqual([]);
  });

  it('states the RFC limits', () => {
    expect(definitions.mode?.enum).toStrictEqual(['enforce', 'testing', 'none']);
    expect(definitions.id?.pattern).toBe('^[A-Za-z0-9]{1,32}$');
    expect([definitions.certWarningDays?.minimum, definitions.certWarningDays?.maximum]).toStrictEqual([
      0, 365,
    ]);
    const exact = definitions.maxAge?.else as Schema;
    expect([exact.type, exact.minimum, exact.maximum]).toStrictEqual(['integer', 1, 31557600]);
  });

  it('does not allow id in defaults', () => {
    expect(Object.keys(definitions.defaults?.properties as Schema)).not.toContain('id');
    expect(Object.keys(definitions.domainEntry?.properties as Schema)).toContain('id');
  });
});
