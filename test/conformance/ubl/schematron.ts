import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * The official EN 16931 / Peppol schematron rules, run in-process by SaxonJS from SEF files
 * compiled once by `compile-schematron.ts` (vendored gzipped next to their XSLT). Shared by the UBL
 * and CII conformance tests.
 */
const repoRoot = resolve(import.meta.dirname, '../../..');
export const UBL_SCHEMAS = join(repoRoot, 'test/fixtures/schemas/ubl');
export const CII_SCHEMAS = join(repoRoot, 'test/fixtures/schemas/cii');

export const EN16931_UBL = join(UBL_SCHEMAS, 'schematron/EN16931-UBL-validation.xslt');
export const PEPPOL_UBL = join(UBL_SCHEMAS, 'schematron/PEPPOL-EN16931-UBL.xslt');
export const EN16931_CII = join(CII_SCHEMAS, 'schematron/EN16931-CII-validation.xslt');
export const SCHEMATRON_XSLTS = [EN16931_UBL, PEPPOL_UBL, EN16931_CII] as const;

export const MANIFEST_FILE = 'schematron.json';

/** Per XSLT file name: what its vendored SEF was compiled from and with. */
export type SchematronManifest = Record<
  string,
  { xsltSha256: string; sefSha256: string; compiler: string }
>;

export const sha256 = (data: Buffer | string): string =>
  createHash('sha256').update(data).digest('hex');

export const sefPathOf = (xslt: string): string =>
  join(dirname(xslt), `${basename(xslt, '.xslt')}.sef.json.gz`);

/** The slice of the SaxonJS API used here (the package ships no types). */
interface SaxonNode {
  getAttribute(name: string): string | null;
}
interface SaxonApi {
  transform(
    options: { stylesheetInternal: unknown; sourceText: string; destination: 'document' },
    mode: 'sync',
  ): { principalResult: unknown };
  XPath: {
    evaluate(expr: string, context: unknown, options?: { resultForm: 'array' }): unknown;
  };
}

let saxon: SaxonApi | undefined;
const loadSaxon = (): SaxonApi => {
  saxon ??= createRequire(import.meta.url)('saxon-js') as SaxonApi;
  return saxon;
};

export interface FailedAssert {
  id: string;
  flag: 'fatal' | 'warning' | string;
  location: string;
  text: string;
}

export interface Schematron {
  name: string;
  /** Every failed assert and successful report, fatal or not. */
  check(xml: string): FailedAssert[];
}

/**
 * Loads the vendored SEF of `xslt` after checking, against the manifest, that it was compiled from
 * exactly this XSLT and was not altered since. A stale SEF would judge documents by old rules.
 */
export function loadSchematron(xslt: string): Schematron {
  const name = basename(xslt, '.xslt');
  const manifest = JSON.parse(
    readFileSync(join(dirname(xslt), MANIFEST_FILE), 'utf8'),
  ) as SchematronManifest;
  const entry = manifest[basename(xslt)];
  if (!entry) throw new Error(`${name}: no SEF recorded; run compile-schematron.ts`);
  if (sha256(readFileSync(xslt)) !== entry.xsltSha256) {
    throw new Error(`${name}: the SEF was compiled from another XSLT; run compile-schematron.ts`);
  }
  const sefText = gunzipSync(readFileSync(sefPathOf(xslt)));
  if (sha256(sefText) !== entry.sefSha256) {
    throw new Error(`${name}: the SEF does not match its recorded hash`);
  }
  const stylesheet = JSON.parse(sefText.toString('utf8')) as unknown;
  const api = loadSaxon();
  return {
    name,
    check(xml) {
      const svrl = api.transform(
        { stylesheetInternal: stylesheet, sourceText: xml, destination: 'document' },
        'sync',
      ).principalResult;
      const nodes = api.XPath.evaluate('//*:failed-assert | //*:successful-report', svrl, {
        resultForm: 'array',
      }) as SaxonNode[];
      return nodes.map((node) => ({
        id: node.getAttribute('id') ?? '?',
        flag: node.getAttribute('flag') ?? 'fatal',
        location: (node.getAttribute('location') ?? '')
          .replace(/\[namespace-uri\(\)='[^']*'\]/g, '')
          .replace(/\*:/g, ''),
        text: String(api.XPath.evaluate('normalize-space(*:text)', node)),
      }));
    },
  };
}

/** One line per assert, for test failure messages. */
export const describeAsserts = (asserts: readonly FailedAssert[]): string =>
  asserts.map((a) => `[${a.flag}] ${a.id} @ ${a.location}: ${a.text}`).join('\n');

export const fatal = (asserts: readonly FailedAssert[]): FailedAssert[] =>
  asserts.filter((a) => a.flag === 'fatal');
