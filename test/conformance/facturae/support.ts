import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type LocalSigningIdentity,
  loadOrCreateLocalSigningIdentity,
  SIGNING_CERT_FILE,
} from '../../../packages/local/src/signer/local-signer.ts';

/**
 * Tools for the Facturae conformance tests: the vendored schemas, the golden folder with the
 * test signing identity, and the two independent oracles (xmllint for the XSD, xmlsec1 for the
 * signature). CI needs the Debian packages libxml2-utils and xmlsec1.
 */
const repoRoot = resolve(import.meta.dirname, '../../..');
export const SCHEMA = join(
  repoRoot,
  'test/fixtures/schemas/facturae/Facturaev3_2_2-with-XAdES.xsd',
);
export const GOLDEN_DIR = join(repoRoot, 'test/fixtures/golden/facturae');
export const GOLDEN_CERT = join(GOLDEN_DIR, SIGNING_CERT_FILE);

/** Golden files are signed at this instant, with the fixture name as the id seed. */
export const SIGNING_TIME = new Date('2026-03-16T09:30:00Z');

/**
 * The golden signing key, created on the first run and then committed: PKCS#1 v1.5 signatures
 * are deterministic, so the same key, time and ids give the same bytes. The certificate is valid
 * for ten years from its creation (xmlsec1 checks it against the current time).
 */
export function goldenIdentity(): Promise<LocalSigningIdentity> {
  return loadOrCreateLocalSigningIdentity(GOLDEN_DIR, {
    commonName: 'Sello Conformance Test Signer',
    organization: 'Sello Demo',
    country: 'ES',
    serialNumber: 'IDCES-12345678Z',
  });
}

export interface ToolResult {
  status: number | null;
  output: string;
}

function run(command: string, args: string[]): ToolResult {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) {
    throw new Error(
      `${command} is not available (${result.error.message}); ` +
        'install it with apt-get install -y libxml2-utils xmlsec1',
    );
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A scratch folder for the files the command-line tools read. */
export function scratch(): {
  file: (name: string, content: string) => string;
  path: (name: string) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'sello-facturae-'));
  return {
    path: (name) => join(dir, name),
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function xmllint(file: string): ToolResult {
  return run('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file]);
}

export function xmlsec1Verify(file: string, trustedPem = GOLDEN_CERT): ToolResult {
  return run('xmlsec1', [
    '--verify',
    '--enabled-key-data',
    'x509',
    '--trusted-pem',
    trustedPem,
    '--id-attr:Id',
    'SignedProperties',
    '--id-attr:Id',
    'KeyInfo',
    file,
  ]);
}
