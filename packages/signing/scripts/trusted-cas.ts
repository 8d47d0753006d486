/**
 * Writes src/trusted-cas.ts from the PEM files in trusted-cas/, so the functions carry the trust
 * list inside their bundle (a Lambda bundle has no data files). Run after adding or removing one:
 * `node --import tsx packages/signing/scripts/trusted-cas.ts`.
 */
import { writeFileSync } from 'node:fs';
import { TRUSTED_CAS_MODULE, trustedCasModule } from '../testing/trusted-cas-files.ts';

writeFileSync(TRUSTED_CAS_MODULE, trustedCasModule());
