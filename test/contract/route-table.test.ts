import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fallbackRoute, kebab, routeList, triggeredList } from '@sello/contracts';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [relative(root, join(dir, e.name))],
  );

const entries = [...routeList, fallbackRoute, ...triggeredList];

describe('the route table', () => {
  it('routes every handler file under functions/, and every entry has its file', () => {
    const files = filesUnder(join(root, 'functions')).sort();
    expect(files).toEqual(entries.map((e) => e.entry).sort());
  });

  it('names entry files after their id, and ids are unique', () => {
    for (const e of entries) expect(e.entry.split('/').pop(), e.id).toBe(`${kebab(e.id)}.ts`);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it('has one route per method and path, all versioned under /v1', () => {
    const keys = routeList.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of routeList) expect(r.path).toMatch(/^\/v1\//);
  });

  it('has a sample event for every entry, named after it', () => {
    const expected = [
      ...routeList.map((r) => `events/http/${kebab(r.id)}.json`),
      `events/http/${kebab(fallbackRoute.id)}.json`,
      ...triggeredList.map(
        (t) => `events/${t.trigger.kind === 'invoke' ? 'invoke' : 'scheduler'}/${kebab(t.id)}.json`,
      ),
    ];
    for (const file of expected) expect(existsSync(join(root, file)), file).toBe(true);
    const present = filesUnder(join(root, 'events')).filter((f) => f.endsWith('.json'));
    expect(present.sort()).toEqual(expected.sort());
  });

  it('keeps every non-public route behind credentials and declares what AWS access it needs', () => {
    // Public routes (health, registration, login) reach the table at most: never documents,
    // keys, secrets or mail. Staff sign-in's own flows under /v1/auth/ also mail their links
    // and set passwords in the user pool, and nothing else.
    const publicAccess = new Set(['table:read', 'table:write']);
    const staffAuthAccess = new Set([...publicAccess, 'mail:send', 'users:manage']);
    // A recipient's registration creates its user in the pool once both keys allowed it (no mail).
    const registrationAccess = new Set([...publicAccess, 'users:manage']);
    // Self-invoicing's public page reads the stored documents it links to (never writes them).
    const documentLinkAccess = new Set([...publicAccess, 'artifacts:read']);
    const allowed = (path: string) =>
      path.startsWith('/v1/auth/')
        ? staffAuthAccess
        : path === '/v1/recipients/register'
          ? registrationAccess
          : path === '/v1/public/documents/{token}'
            ? documentLinkAccess
            : publicAccess;
    for (const r of routeList) {
      if (r.auth === 'public')
        expect(
          r.access.filter((a) => !allowed(r.path).has(a)),
          r.id,
        ).toEqual([]);
      else expect(r.access.length, r.id).toBeGreaterThan(0);
    }
  });
});
