import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Tools for the CFDI conformance tests: SAT's vendored XSD/XSLT tree (only
 * test/fixtures/schemas/cfdi is read), xsltproc with SAT's cadena-original stylesheets as the
 * oracle of the cadena, xmllint for the schema, and SAT's public test CSD. CI needs the Debian
 * packages xsltproc and libxml2-utils.
 */
const DIR = resolve(import.meta.dirname, '../../fixtures/schemas/cfdi');
const CADENA_XSLT = join(DIR, 'sitio_internet/cfd/4/cadenaoriginal_4_0/cadenaoriginal_4_0.xslt');
const TFD_XSLT = join(DIR, 'sitio_internet/cfd/TimbreFiscalDigital/cadenaoriginal_TFD_1_1.xslt');
/** cfdv40 + the catalog stand-in + the TFD schema (see the folder's README). */
const SCHEMA = join(DIR, 'cfdi40-tfd-standin.xsd');

export const sampleCfdi = () => readFileSync(join(DIR, 'samples/cfdi40-valid.xml'), 'utf8');

/** SAT's public test CSD (RFC EKU9003173C9, password 12345678a) as SAT hands it out. */
export const csdFiles = () => ({
  cer: readFileSync(join(DIR, 'certs/EKU9003173C9.cer')),
  key: readFileSync(join(DIR, 'certs/EKU9003173C9.key')),
  password: '12345678a',
});

/** SAT's public test CSD opened, and the PAC test certificate of the sample's stamp. */
export const testCsd = () => ({
  certificate: readFileSync(join(DIR, 'certs/EKU9003173C9.cer')),
  privateKey: createPrivateKey({
    key: readFileSync(join(DIR, 'certs/EKU9003173C9.key')),
    format: 'der',
    type: 'pkcs8',
    passphrase: '12345678a',
  }),
  satCertificate: readFileSync(join(DIR, 'certs/30001000000500003456.cer')),
});

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) {
    throw new Error(`${command} is not available (${result.error.message}); apt-get install it`);
  }
  return result;
}

/** Files for the tools, in a scratch folder removed by `remove`. */
export function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'sello-cfdi-'));
  let n = 0;
  return {
    dir,
    file: (content: string) => {
      n += 1;
      const path = join(dir, `${n}.xml`);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * SAT's cadena original of a CFDI file, through xsltproc. Its stylesheets say version 2.0 but
 * use only XSLT 1.0; xsltproc notes that on stderr, which is ignored.
 */
export function satCadena(file: string, stamp = false): string {
  const result = run('xsltproc', [stamp ? TFD_XSLT : CADENA_XSLT, file]);
  if (result.status !== 0) throw new Error(`xsltproc failed: ${result.stderr}`);
  return result.stdout;
}

/** xmllint against cfdv40.xsd; the output names what is wrong. */
export function validateCfdi(file: string) {
  const result = run('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file]);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
