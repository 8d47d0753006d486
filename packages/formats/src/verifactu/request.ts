import { type BillingRecord, UnsendableRecord } from '@sello/core/verifactu';
import { create } from 'xmlbuilder2';
import {
  document,
  el,
  leaf,
  VERIFACTU_NS,
  writeRegistroAlta,
  writeRegistroAnulacion,
  XMLNS,
} from './records.ts';

/** AEAT takes at most 1,000 records per request (SuministroLR.xsd maxOccurs, Orden art. 16). */
export const MAX_RECORDS_PER_REQUEST = 1000;

export interface RegFactuRequest {
  /** The taxpayer whose records these are (Cabecera/ObligadoEmision). */
  obligado: { NombreRazon: string; NIF: string };
  records: readonly BillingRecord[];
}

/**
 * The `sum:RegFactuSistemaFacturacion` request body: the Cabecera and one `sum:RegistroFactura`
 * per record, in chain order. Every record must be the obligado's own: AEAT rejects a record whose
 * issuer NIF differs from the Cabecera's (Validaciones v1.2.2 §3.1.3.1 and §3.1.4.1).
 */
export function regFactuSistemaFacturacionXml({ obligado, records }: RegFactuRequest): string {
  if (records.length === 0 || records.length > MAX_RECORDS_PER_REQUEST) {
    throw new Error(
      `A VERI*FACTU request carries 1 to ${MAX_RECORDS_PER_REQUEST} records, not ${records.length}`,
    );
  }
  const doc = document();
  const root = doc
    .ele(VERIFACTU_NS.sum, 'sum:RegFactuSistemaFacturacion')
    .att(XMLNS, 'xmlns:sum1', VERIFACTU_NS.sum1);
  const obligadoNode = el(root.ele(VERIFACTU_NS.sum, 'sum:Cabecera'), 'ObligadoEmision');
  leaf(obligadoNode, 'NombreRazon', obligado.NombreRazon);
  leaf(obligadoNode, 'NIF', obligado.NIF);
  for (const [i, record] of records.entries()) {
    const issuer =
      record.kind === 'alta'
        ? record.IDFactura.IDEmisorFactura
        : record.IDFactura.IDEmisorFacturaAnulada;
    if (issuer !== obligado.NIF) {
      throw new Error(`Record ${i} belongs to ${issuer}, not to the obligado ${obligado.NIF}`);
    }
    const holder = root.ele(VERIFACTU_NS.sum, 'sum:RegistroFactura');
    try {
      if (record.kind === 'alta') writeRegistroAlta(holder, record);
      else writeRegistroAnulacion(holder, record);
    } catch (error) {
      // Named by its place, so the sender holds back that record alone and sends the rest.
      throw new UnsendableRecord(i, (error as Error).message, { cause: error });
    }
  }
  return doc.end();
}

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/**
 * A SOAP 1.1 envelope around a request body (document/literal: the body element goes in as it
 * is, with an empty Header), as AEAT's VerifactuSOAP endpoint takes it.
 */
export function soapEnvelope(bodyXml: string): string {
  const doc = document();
  const envelope = doc.ele(SOAP_ENV_NS, 'soapenv:Envelope');
  envelope.ele(SOAP_ENV_NS, 'soapenv:Header');
  envelope.ele(SOAP_ENV_NS, 'soapenv:Body').import(create(bodyXml));
  return doc.end();
}
