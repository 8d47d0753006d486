import { cadenaOriginalTimbre } from './cadena.ts';
import {
  EXPORTACION,
  FORMA_PAGO,
  METODO_PAGO,
  named,
  PERIODICIDAD,
  REGIMEN_FISCAL,
  TIPO_DE_COMPROBANTE,
  TIPO_RELACION,
  USO_CFDI,
} from './catalog-names.ts';
import type { Cfdi } from './model.ts';
import { satVerificationUrl } from './verification.ts';

/** What the printed representation of a stamped CFDI carries beyond the invoice's own content. */
export interface CfdiPrint {
  details: Array<readonly [label: string, value: string]>;
  uuid: string;
  stampedAt: string;
  pacRfc: string;
  certificateNumber: string;
  satCertificateNumber: string;
  cfdiSeal: string;
  satSeal: string;
  stampChain: string;
  qrUrl: string;
}

/**
 * The data a stamped CFDI's PDF prints, all read from the stamped document itself (never from
 * the invoice it was built from), so the paper says what SAT holds.
 */
export function cfdiPrint(cfdi: Cfdi): CfdiPrint {
  const stamp = cfdi.timbre;
  if (!stamp) throw new Error('Only a stamped CFDI has a printed representation');
  const details: Array<readonly [string, string]> = [
    ['Tipo de comprobante', named(TIPO_DE_COMPROBANTE, cfdi.tipoDeComprobante)],
    ['Régimen fiscal del emisor', named(REGIMEN_FISCAL, cfdi.emisor.regimenFiscal)],
    ['Lugar de expedición', cfdi.lugarExpedicion],
    ['Fecha de emisión', cfdi.fecha],
    ['Uso del CFDI', named(USO_CFDI, cfdi.receptor.usoCFDI)],
    ['Régimen fiscal del receptor', named(REGIMEN_FISCAL, cfdi.receptor.regimenFiscalReceptor)],
    ['Domicilio fiscal del receptor', cfdi.receptor.domicilioFiscalReceptor],
  ];
  if (cfdi.formaPago) details.push(['Forma de pago', named(FORMA_PAGO, cfdi.formaPago)]);
  if (cfdi.metodoPago) details.push(['Método de pago', named(METODO_PAGO, cfdi.metodoPago)]);
  details.push([
    'Moneda',
    cfdi.tipoCambio ? `${cfdi.moneda} (tipo de cambio ${cfdi.tipoCambio})` : cfdi.moneda,
  ]);
  details.push(['Exportación', named(EXPORTACION, cfdi.exportacion)]);
  const global = cfdi.informacionGlobal;
  if (global) {
    details.push([
      'Información global',
      `${named(PERIODICIDAD, global.periodicidad)}, meses ${global.meses}, año ${global.año}`,
    ]);
  }
  for (const related of cfdi.cfdiRelacionados ?? []) {
    details.push([
      'CFDI relacionados',
      `${named(TIPO_RELACION, related.tipoRelacion)}: ${related.uuids.join(', ')}`,
    ]);
  }
  return {
    details,
    uuid: stamp.uuid,
    stampedAt: stamp.fechaTimbrado,
    pacRfc: stamp.rfcProvCertif,
    certificateNumber: cfdi.noCertificado,
    satCertificateNumber: stamp.noCertificadoSAT,
    cfdiSeal: stamp.selloCFD,
    satSeal: stamp.selloSAT,
    stampChain: cadenaOriginalTimbre(stamp),
    qrUrl: satVerificationUrl(cfdi),
  };
}
