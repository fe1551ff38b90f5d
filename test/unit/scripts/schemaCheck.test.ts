import { buildASTSchema, buildSchema, Kind, parse, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  breakingChanges,
  committedSdl,
  currentSchema,
  describeChanges,
  printSdl,
} from '../../../scripts/schemaCheck.js';

describe('schema check (npm run schema:check)', () => {
  it('finds no breaking change between the committed schema.graphql and schema/*.graphql', async () => {
    const committed = committedSdl();
    expect(committed, 'schema.graphql is missing: run npm run schema:print').not.toBeNull();
    const breaking = await breakingChanges(committed as string);
    expect(describeChanges(breaking)).toBe('');
  });

  it('detects a removed field, a removed enum value and a newly required argument as breaking', async () => {
    const previous = printSdl();
    const changed = visit(parse(previous), {
      FieldDefinition: (node) => (node.name.value === 'timeZone' ? null : undefined),
      EnumValueDefinition: (node) => (node.name.value === 'MARKED_TIME' ? null : undefined),
      InputValueDefinition: (node) =>
        node.name.value === 'global'
          ? {
              ...node,
              defaultValue: undefined,
              type: { kind: Kind.NON_NULL_TYPE, type: node.type },
            }
          : undefined,
    });
    const breaking = await breakingChanges(previous, buildASTSchema(changed));
    const text = describeChanges(breaking);
    expect(text).toMatch(/timeZone/);
    expect(text).toMatch(/MARKED_TIME/);
    expect(text).toMatch(/global/);
  });

  it('lets additions through', async () => {
    const previous = printSdl();
    const added = `${previous}\nextend type Query {\n  "An addition."\n  version: String\n}\n`;
    expect(await breakingChanges(previous, buildSchema(added))).toEqual([]);
  });

  it('prints the merged SDL with descriptions, one document for every schema file', () => {
    const sdl = printSdl(currentSchema());
    expect(sdl).toContain('type Query {');
    expect(sdl).toContain('schedules(');
    expect(sdl).toContain('enum ErrorCode');
    expect(sdl).toContain('"""');
    expect(sdl.endsWith('}\n')).toBe(true);
  });
});
