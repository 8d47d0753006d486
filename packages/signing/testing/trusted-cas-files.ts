import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
/** The PEM files of the trust list (see trusted-cas/README.md for their provenance). */
export const TRUSTED_CAS_DIR = join(root, 'trusted-cas');
/** The module the functions import: the same certificates, as strings. */
export const TRUSTED_CAS_MODULE = join(root, 'src', 'trusted-cas.ts');

export function trustedCaFiles(): Array<{ file: string; pem: string }> {
  return readdirSync(TRUSTED_CAS_DIR)
    .filter((file) => file.endsWith('.pem'))
    .sort()
    .map((file) => ({ file, pem: readFileSync(join(TRUSTED_CAS_DIR, file), 'utf8') }));
}

/** The source of TRUSTED_CAS_MODULE for the PEM files as they are now (formatted as Biome would). */
export function trustedCasModule(): string {
  const entries = trustedCaFiles().map(
    ({ file, pem }) => `  {\n    file: '${file}',\n    pem: ${quote(pem)},\n  },\n`,
  );
  return (
    '// Generated from trusted-cas/*.pem by scripts/trusted-cas.ts: edit those, not this.\n\n' +
    '/** The CA certificates Sello ships whose certificates prove a tax id (trusted-cas/README.md). */\n' +
    `export const TRUSTED_CAS: ReadonlyArray<{ file: string; pem: string }> = [\n${entries.join('')}];\n`
  );
}

/** PEM is base64, letters and dashes: only the line ends need escaping. */
const quote = (pem: string) => `'${pem.replaceAll('\n', '\\n')}'`;
