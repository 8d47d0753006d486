/**
 * Compiles the vendored schematron XSLTs to SaxonJS SEF files, gzipped next to them, and records
 * in each folder's `schematron.json` the sha256 of the XSLT each SEF was compiled from. The
 * conformance tests refuse to run a SEF whose recorded XSLT hash does not match the XSLT on disk,
 * so after replacing an XSLT, run:
 *
 *   node --import tsx test/conformance/ubl/compile-schematron.ts
 *
 * Compiling takes 15–20 s and up to 600 MB per stylesheet (xslt3 2.7, the devDependency); that is
 * why the tests load these files instead of compiling on every run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  MANIFEST_FILE,
  SCHEMATRON_XSLTS,
  type SchematronManifest,
  sefPathOf,
  sha256,
} from './schematron.ts';

const xslt3 = join(import.meta.dirname, '../../../node_modules/xslt3/xslt3.js');
const version = JSON.parse(readFileSync(join(dirname(xslt3), 'package.json'), 'utf8')) as {
  version: string;
};
const only = process.argv.slice(2);
const scratch = mkdtempSync(join(tmpdir(), 'sello-sef-'));

try {
  for (const xslt of SCHEMATRON_XSLTS) {
    if (only.length && !only.some((name) => xslt.includes(name))) continue;
    const out = join(scratch, `${basename(xslt, '.xslt')}.sef.json`);
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [xslt3, `-xsl:${xslt}`, `-export:${out}`, '-nogo', '-relocate:on'],
      { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (run.status !== 0) throw new Error(`xslt3 failed on ${xslt} (${run.status})`);
    const sef = readFileSync(out);
    writeFileSync(sefPathOf(xslt), gzipSync(sef, { level: 9 }));
    const manifestPath = join(dirname(xslt), MANIFEST_FILE);
    let manifest: SchematronManifest = {};
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as SchematronManifest;
    } catch {
      // First compile in this folder.
    }
    manifest[basename(xslt)] = {
      xsltSha256: sha256(readFileSync(xslt)),
      sefSha256: sha256(sef),
      compiler: `xslt3 ${version.version}`,
    };
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`${basename(xslt)}: ${sef.length} bytes of SEF in ${Date.now() - started} ms`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
