import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignatureAlgorithm, Signer } from '@sello/core';
import {
  type LocalSigningIdentity,
  loadOrCreateLocalSigningIdentity,
} from '../../../local/src/signer/local-signer.ts';

/**
 * Test support for the signing unit tests (not exported from the package): a software signing
 * identity in a temp folder, created once per test file, and a signer that records its calls.
 */
let identity: Promise<LocalSigningIdentity> | undefined;

export function testIdentity(): Promise<LocalSigningIdentity> {
  identity ??= loadOrCreateLocalSigningIdentity(mkdtempSync(join(tmpdir(), 'sello-xades-')), {
    commonName: 'Sello Test, Firma & Sello',
    organization: 'Sello Demo',
    country: 'ES',
    serialNumber: 'IDCES-12345678Z',
  });
  return identity;
}

export interface RecordedCall {
  keyId: string;
  digest: Uint8Array;
  algorithm: SignatureAlgorithm;
}

export function recordingSigner(inner: Signer): { signer: Signer; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    signer: {
      signDigest: (keyId, digest, algorithm) => {
        calls.push({ keyId, digest, algorithm });
        return inner.signDigest(keyId, digest, algorithm);
      },
      publicKey: (keyId) => inner.publicKey(keyId),
    },
  };
}
