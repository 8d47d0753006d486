import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMAT_IDS } from '@sello/formats/facts';
import { describe, expect, it } from 'vitest';

/**
 * "Adding a format touches one folder and one registry line": the places that know a format by
 * its id. A format's id may appear in its own folder of `@sello/formats` (its `facts.ts`, its
 * builder) and in the registry (`packages/formats/src/registry/`: the facts list and the builders'
 * table of its kind). Everyone else learns formats from the facts: the domain through the
 * `FormatCatalog` port, the contracts and the portal from `@sello/formats/facts`.
 *
 * The few other places that name a format are listed below, each with why; a new one fails
 * here. Tests and test doubles (`testing/`) are not scanned: they name what they check.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const FORMATS_SRC = 'packages/formats/src';
const REGISTRY = `${FORMATS_SRC}/registry/`;

/** Places that name format ids outside their folders and the registry, and why they may. */
const KNOWN: Record<string, { ids: string[]; why: string }> = {
  [`${FORMATS_SRC}/parse/readers.ts`]: {
    ids: ['facturae', 'ubl', 'cii'],
    why: "the readers' table: a readable format's reader line (apart, so building carries no parser)",
  },
  [`${FORMATS_SRC}/parse/ubl.ts`]: {
    ids: ['ubl'],
    why: 'the UBL reader tells the checks its syntax',
  },
  [`${FORMATS_SRC}/parse/cii.ts`]: {
    ids: ['cii'],
    why: 'the CII reader tells the checks its syntax',
  },
  'packages/core/src/documents/parsed.ts': {
    ids: ['facturae', 'ubl', 'cii'],
    why: 'the parsed document names the syntax it was read from',
  },
  'packages/core/src/documents/checks.ts': {
    ids: ['facturae'],
    why: "the checks of a parsed document: Facturae's own rules next to EN 16931's",
  },
  'packages/core/src/documents/en16931.ts': {
    ids: ['ubl', 'cii'],
    why: 'EN 16931 rules that differ by syntax (the official schematron has one set per syntax)',
  },
  'packages/core/src/documents/en16931-codes.ts': {
    ids: ['ubl', 'cii'],
    why: "the official code lists' syntax-only entries",
  },
  'packages/contracts/src/schemas/global-invoices.ts': {
    ids: ['cfdi'],
    why: "Mexico's global invoice (factura global) is a CFDI by law: its route serves only that",
  },
  'packages/portal/src/areas/tickets/global-invoices-page.tsx': {
    ids: ['cfdi'],
    why: 'downloads the global invoice, which is only a CFDI',
  },
  'packages/core/src/claims/documents.ts': {
    ids: ['pdf'],
    why: "the file extension of a PDF a workshop attaches to a claim, not the invoice's format",
  },
  'packages/core/src/invoices/verifactu.ts': {
    ids: ['verifactu'],
    why: 'a dependency named after the VERI*FACTU records feature, not the format',
  },
  'packages/portal/src/areas/home/home-page.tsx': {
    ids: ['verifactu'],
    why: 'query keys of the VERI*FACTU records feature, not the format',
  },
  'packages/portal/src/areas/invoices/queries.ts': {
    ids: ['verifactu'],
    why: 'a query key of the VERI*FACTU records feature, not the format',
  },
  'packages/portal/src/areas/invoices/verifactu-panel.tsx': {
    ids: ['verifactu'],
    why: "the VERI*FACTU panel's class and query key, not the format",
  },
  'packages/pdf/src/options.ts': {
    ids: ['cfdi', 'verifactu'],
    why: "what the printed invoice shows of the invoice's CFDI stamp and VERI*FACTU QR",
  },
  'packages/portal/src/areas/invoices/cfdi-panel.tsx': {
    ids: ['cfdi'],
    why: "the invoice's CFDI state (`Invoice['cfdi']`), not the format",
  },
  'packages/portal/src/areas/settings/sections.ts': {
    ids: ['verifactu'],
    why: 'the VERI*FACTU certificate section of the settings, not the format',
  },
};

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (/node_modules|\/dist$|\/testing$/.test(path)) return [];
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

/** Non-test TypeScript of the packages, the functions and the CDK app, repository-relative. */
const sources = () =>
  ['packages', 'functions', 'infra']
    .flatMap((root) => walk(join(repoRoot, root)))
    .map((path) => relative(repoRoot, path))
    .filter(
      (path) =>
        /\.tsx?$/.test(path) &&
        !/\.test\.tsx?$/.test(path) &&
        // Generated from the contracts' OpenAPI document (`npm run portal:api`).
        path !== 'packages/portal/src/api/schema.d.ts',
    );

const ids = FORMAT_IDS as readonly string[];
const alternatives = ids.join('|');
/** `'ubl'` or `"ubl"`: an id as a value. */
const LITERAL = new RegExp(`(['"])(${alternatives})\\1`, 'g');
/** `  ubl: …`: an id as a key, one line of a table per format when two come close together. */
const KEY = new RegExp(`^\\s*(${alternatives})\\??:\\s`);

/** A format's own folder: the one whose `facts.ts` says its id. */
function folderOf(id: string): string {
  const folders = readdirSync(join(repoRoot, FORMATS_SRC)).filter((name) => {
    const facts = join(repoRoot, FORMATS_SRC, name, 'facts.ts');
    return (
      statSync(join(repoRoot, FORMATS_SRC, name)).isDirectory() &&
      (() => {
        try {
          return readFileSync(facts, 'utf8').includes(`id: '${id}',`);
        } catch {
          return false;
        }
      })()
    );
  });
  expect(folders, `the folder of ${id}`).toHaveLength(1);
  return `${FORMATS_SRC}/${folders[0]}/`;
}

/** Every place outside the registry that names a format id, as `path` → ids. */
function placesKnowingIds(): Map<string, Set<string>> {
  const folders = new Map(ids.map((id) => [id, folderOf(id)]));
  const places = new Map<string, Set<string>>();
  const note = (path: string, id: string) => {
    if (path.startsWith(REGISTRY) || path.startsWith(folders.get(id)!)) return;
    places.set(path, (places.get(path) ?? new Set()).add(id));
  };
  for (const path of sources()) {
    const lines = readFileSync(join(repoRoot, path), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const match of line.matchAll(LITERAL)) note(path, match[2]!);
      // Two ids as keys within a few lines: a table of formats (labels, extensions, readers).
      const key = KEY.exec(line)?.[1];
      if (!key) return;
      const near = lines
        .slice(Math.max(0, i - 8), i + 9)
        .map((l) => KEY.exec(l)?.[1])
        .filter((k): k is string => !!k && k !== key);
      if (near.length) for (const id of [key, ...near]) note(path, id);
    });
  }
  return places;
}

describe('format ids', () => {
  it('each format has one folder with its facts, and one line in the facts registry', () => {
    const registry = readFileSync(join(repoRoot, REGISTRY, 'facts.ts'), 'utf8');
    for (const id of ids) {
      const folder = folderOf(id).slice(FORMATS_SRC.length + 1, -1);
      expect(registry, id).toContain(`from '../${folder}/facts.ts';`);
    }
  });

  it('appear nowhere else but in the places listed, for the reasons given', () => {
    const places = placesKnowingIds();
    const found = Object.fromEntries(
      [...places].map(([path, set]) => [path, [...set].sort()] as const).sort(),
    );
    const expected = Object.fromEntries(
      Object.entries(KNOWN)
        .map(([path, { ids: known }]) => [path, [...known].sort()] as const)
        .sort(),
    );
    expect(found).toEqual(expected);
  });

  it('bite: a table of labels or a literal id in the portal would be found', () => {
    const lines = ['const LABELS = {', "  pdf: 'PDF',", "  ubl: 'UBL',", '};', "fetch('cfdi');"];
    expect(lines.map((l) => KEY.exec(l)?.[1]).filter(Boolean)).toEqual(['pdf', 'ubl']);
    expect([...lines[4]!.matchAll(LITERAL)].map((m) => m[2])).toEqual(['cfdi']);
  });
});
