import { type TestCertificate, testCa } from '@sello/signing/testing';

const shared = globalThis as { selloTrustedTestCa?: TestCertificate };

/**
 * The CA the integration tests trust for tax-id proof, besides the list Sello ships: per-file.ts
 * puts it in SELLO_TRUSTED_CAS_PEM. Made once per test file (kept on globalThis so the setup file
 * and the test file see the same key). Production never trusts it: it exists only in tests.
 */
export function trustedTestCa(): TestCertificate {
  shared.selloTrustedTestCa ??= testCa({ commonName: 'Sello Test Qualified CA' });
  return shared.selloTrustedTestCa;
}
