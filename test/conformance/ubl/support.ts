import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { CII_SCHEMAS, UBL_SCHEMAS } from './schematron.ts';

/**
 * Tools shared by the UBL and CII conformance tests: xmllint for the XSD (Debian libxml2-utils),
 * a scratch folder for the files it reads, and byte-for-byte golden files.
 */
const repoRoot = resolve(import.meta.dirname, '../../..');
export const GOLDEN_ROOT = join(repoRoot, 'test/fixtures/golden');

export const XSD = {
  Invoice: join(UBL_SCHEMAS, 'maindoc/UBL-Invoice-2.1.xsd'),
  CreditNote: join(UBL_SCHEMAS, 'maindoc/UBL-CreditNote-2.1.xsd'),
  CrossIndustryInvoice: join(CII_SCHEMAS, 'CrossIndustryInvoice_100pD16B.xsd'),
} as const;

export interface ToolResult {
  status: number | null;
  output: string;
}

export function xmllint(file: string, schema: string): ToolResult {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], {
    encoding: 'utf8',
  });
  if (result.error) {
    throw new Error(
      `xmllint is not available (${result.error.message}); apt-get install -y libxml2-utils`,
    );
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export function scratch(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    file: (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/**
 * Compares a document with its golden file in `test/fixtures/golden/<folder>`. UPDATE_GOLDEN=1
 * rewrites it; a missing one is written and the test fails, so a new golden file is always looked
 * at before it is committed.
 */
export function expectGolden(folder: string, name: string, actual: string): void {
  const dir = join(GOLDEN_ROOT, folder);
  const path = join(dir, name);
  const missing = !existsSync(path);
  if (UPDATE || missing) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, actual);
  }
  if (missing && !UPDATE) {
    throw new Error(`Wrote missing golden file ${folder}/${name}; review and commit it`);
  }
  expect(
    actual === readFileSync(path, 'utf8'),
    `${folder}/${name} differs from its golden file`,
  ).toBe(true);
}

/** The text of every `<name>` element, in document order (our output has no nested same names). */
export function texts(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g');
  return [...xml.matchAll(pattern)].map((m) => m[1]!);
}

/** The one `<name>` element's text; fails the test when there is not exactly one. */
export function text(xml: string, name: string): string {
  const all = texts(xml, name);
  expect(all, `exactly one ${name}`).toHaveLength(1);
  return all[0]!;
}
