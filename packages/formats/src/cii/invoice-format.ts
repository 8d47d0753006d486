import { defineFormat, utf8, type VerifactuQrPort } from '../registry/format.ts';
import { buildCii } from './build.ts';
import { ciiFacts } from './facts.ts';

/** UN/CEFACT CII D16B (EN 16931), built on request from the frozen invoice. */
export const ciiFormat = defineFormat(ciiFacts, async (invoice, ports: VerifactuQrPort) => {
  const qr = ports.verifactuQrUrl(invoice);
  return utf8(buildCii(invoice, qr ? { verifactuQrUrl: qr } : {}));
});
