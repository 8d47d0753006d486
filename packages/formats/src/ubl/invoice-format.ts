import { defineFormat, utf8, type VerifactuQrPort } from '../registry/format.ts';
import { buildUbl } from './build.ts';
import { ublFacts } from './facts.ts';

/** UBL 2.1 / Peppol BIS Billing 3.0, built on request from the frozen invoice. */
export const ublFormat = defineFormat(ublFacts, async (invoice, ports: VerifactuQrPort) => {
  const qr = ports.verifactuQrUrl(invoice);
  return utf8(buildUbl(invoice, qr ? { verifactuQrUrl: qr } : {}));
});
