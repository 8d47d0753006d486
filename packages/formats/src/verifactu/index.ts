export {
  type VerifactuRecordPorts,
  verifactuFormat,
  writeBillingRecord,
} from './invoice-format.ts';
export {
  registroAltaXml,
  registroAnulacionXml,
  VERIFACTU_NS,
  writeRegistroAlta,
  writeRegistroAnulacion,
} from './records.ts';
export {
  MAX_RECORDS_PER_REQUEST,
  type RegFactuRequest,
  regFactuSistemaFacturacionXml,
  SOAP_ENV_NS,
  soapEnvelope,
} from './request.ts';
export { type Respuesta, type RespuestaLinea, respuestaRegFactuXml } from './response.ts';
