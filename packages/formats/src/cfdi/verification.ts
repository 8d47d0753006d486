import type { Cfdi } from './model.ts';

const SAT_VERIFICATION = 'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx';

/**
 * `tt` of the printed representation's QR (SAT's standard of 2017-07-01, CFDI 3.3 and 4.0): the
 * total with at most six decimals and no insignificant zeros, but one decimal kept (`2320.0`).
 * Worked on the decimal text, never through a float.
 */
export function formatQrTotal(total: string): string {
  const [whole = '0', fraction = ''] = total.trim().split('.');
  const integer = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.slice(0, 6).replace(/0+$/, '');
  return `${integer}.${decimals || '0'}`;
}

/** RFCs go into the URL as XML text: `&` (legal in an RFC) as `&amp;`. */
const rfcText = (rfc: string) => rfc.replace(/&/g, '&amp;');

/**
 * The verification URL SAT prints as the QR of a stamped CFDI: UUID, issuer and receiver RFCs,
 * total and the last eight characters of the issuer's seal.
 */
export function satVerificationUrl(cfdi: Cfdi): string {
  if (!cfdi.timbre) throw new Error('A CFDI has a verification URL only once it is stamped');
  return (
    `${SAT_VERIFICATION}?id=${cfdi.timbre.uuid}&re=${rfcText(cfdi.emisor.rfc)}` +
    `&rr=${rfcText(cfdi.receptor.rfc)}&tt=${formatQrTotal(cfdi.total)}` +
    `&fe=${(cfdi.sello ?? '').slice(-8)}`
  );
}
