import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiSchema, generateRoles, ROLES_FILE, SCHEMA_FILE } from './api-schema.ts';

describe("the portal's API types", () => {
  it('match the route table (run `npm run portal:api` after changing a route or schema)', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    // Not toEqual on the whole text: a diff of a 5,000-line file is unreadable; name the first
    // line that differs instead.
    const fresh = await generateApiSchema();
    const [a, b] = [committed.split('\n'), fresh.split('\n')];
    const first = b.findIndex((line, i) => line !== a[i]);
    expect(
      first === -1 && a.length === b.length ? 'up to date' : `stale from line ${first + 1}`,
      `committed: ${a[first]}\nfresh:     ${b[first]}`,
    ).toBe('up to date');
  });

  it('name the roles each operation allows, as the route table does', () => {
    expect(readFileSync(ROLES_FILE, 'utf8')).toBe(generateRoles());
  });
});
