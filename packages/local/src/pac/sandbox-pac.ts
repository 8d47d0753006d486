import {
  createHash,
  createPrivateKey,
  type KeyObject,
  randomUUID,
  sign,
  verify,
  X509Certificate,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildTimbre,
  type Cfdi,
  cadenaOriginal,
  cadenaOriginalTimbre,
  readCfdi,
  type TimbreFiscalDigital,
} from '@sello/formats/cfdi';
import { CsdError, readCsdCertificate } from '@sello/signing/csd';

/**
 * The codes of SAT's validation matrix a PAC answers with, for the checks the sandbox makes.
 * 3xx refuse the document; nothing is stamped and the same document may be sent again.
 */
export const PAC_ERRORS = {
  structure: { code: '301', text: 'La estructura del comprobante es incorrecta.' },
  seal: { code: '302', text: 'Sello mal formado o inválido.' },
  issuer: { code: '303', text: 'Sello no corresponde a emisor.' },
  validity: {
    code: '305',
    text: 'La fecha de emisión no está dentro de la vigencia del CSD del Emisor.',
  },
  notCsd: { code: '306', text: 'El certificado no es de tipo CSD.' },
  stamped: { code: '307', text: 'El CFDI contiene un timbre previo.' },
  notSat: { code: '308', text: 'Certificado no expedido por el SAT.' },
  window: { code: '401', text: 'Fecha y hora de generación fuera de rango.' },
} as const;

/**
 * The codes SAT's cancellation service answers per folio (Anexo 20, cancelación 2022), for the
 * cancellations the sandbox refuses. 301 is SAT's "XML mal formado": the sandbox answers it for
 * a request that breaks the reason's rules (01 without a stamped substitute, a substitute with
 * another reason); SAT's matrix has no finer code for those that we found.
 */
export const CANCEL_ERRORS = {
  request: { code: '301', text: 'XML mal formado.', field: 'substitute' },
  previously: { code: '202', text: 'Folio Fiscal Previamente Cancelado.', field: 'uuid' },
  issuer: { code: '203', text: 'Folio Fiscal No Correspondiente al Emisor.', field: 'uuid' },
  unknown: { code: '205', text: 'Folio Fiscal No Existente.', field: 'uuid' },
} as const;

export type PacError = { code: string; text: string; detail?: string; field?: string };

export type CancellationReason = '01' | '02' | '03' | '04';

export interface Cancellation {
  reason: CancellationReason;
  substitute?: string;
  /** `pending` while the receptor must accept it; SAT's exceptions make it immediate. */
  status: 'cancelled' | 'pending';
  /** When it was asked, an instant (ISO 8601, UTC). */
  at: string;
}

export type CancelResult = ({ ok: true } & Cancellation) | { ok: false; error: PacError };

/** What the sandbox remembers of each stamp, to answer a resend and to cancel it. */
export interface StampRecord {
  /** SHA-256 of the issuer's Sello: the same document sent again is found by it. */
  key: string;
  uuid: string;
  issuerRfc: string;
  receptorRfc: string;
  tipoDeComprobante: string;
  /** The total in pesos (Total × TipoCambio), for SAT's $1,000 exception to acceptance. */
  totalMxn: string;
  /** The instant of the stamp (ISO 8601, UTC). */
  stampedAt: string;
  xml: string;
  timbre: TimbreFiscalDigital;
  cancellation?: Cancellation;
}

/**
 * Where the sandbox keeps its stamps and cancellations across restarts (`npm start` keeps them
 * in the data folder as DynamoDB Local keeps the invoices): replayed at start, appended to on
 * every change. Without one, the memory is the process's.
 */
export interface SandboxPacJournal {
  load(): StampRecord[];
  record(entry: StampRecord): void;
}

export type StampResult =
  | { ok: true; xml: string; timbre: TimbreFiscalDigital; previously: boolean }
  | { ok: false; error: PacError };

/** The sandbox's own stamping identity: a test key made for Sello, not SAT's, never a secret. */
export interface PacIdentity {
  rfc: string;
  noCertificado: string;
  privateKey: KeyObject;
  certificate: X509Certificate;
}

const HERE = import.meta.dirname;

export function sandboxPacIdentity(): PacIdentity {
  const certificate = new X509Certificate(readFileSync(join(HERE, 'sandbox-pac.cer.pem')));
  const read = readCsdCertificate(new Uint8Array(certificate.raw));
  return {
    rfc: read.rfc,
    noCertificado: read.noCertificado,
    privateKey: createPrivateKey(readFileSync(join(HERE, 'sandbox-pac.key.pem'))),
    certificate,
  };
}

const RFC = /^[A-Z&Ñ]{3,4}[0-9]{2}(0[1-9]|1[012])(0[1-9]|[12][0-9]|3[01])[A-Z0-9]{2}[0-9A]$/;
const AMOUNT = /^[0-9]{1,18}(\.[0-9]{1,6})?$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const POSTAL_CODE = /^[0-9]{5}$/;
const HOUR = 3_600_000;

/** Mexico's central time, where SAT dates a stamp (no daylight saving since 2022). */
const centralTime = (at: Date) => new Date(at.getTime() - 6 * HOUR).toISOString().slice(0, 19);

/** A local `Fecha` read as central time; the 72-hour window is wide enough for any Mexican zone. */
const fromCentralTime = (local: string) => new Date(`${local}-06:00`);

function structureProblem(cfdi: Cfdi): string | undefined {
  const required: [string, string | undefined][] = [
    ['Fecha', cfdi.fecha],
    ['NoCertificado', cfdi.noCertificado],
    ['Sello', cfdi.sello],
    ['Certificado', cfdi.certificado],
    ['Emisor/@Nombre', cfdi.emisor.nombre],
    ['Emisor/@RegimenFiscal', cfdi.emisor.regimenFiscal],
    ['Receptor/@Nombre', cfdi.receptor.nombre],
    ['Receptor/@RegimenFiscalReceptor', cfdi.receptor.regimenFiscalReceptor],
    ['Receptor/@UsoCFDI', cfdi.receptor.usoCFDI],
  ];
  for (const [name, value] of required) if (!value?.trim()) return `${name} is missing`;
  if (!LOCAL_TIME.test(cfdi.fecha)) return 'Fecha is not YYYY-MM-DDTHH:MM:SS';
  if (!RFC.test(cfdi.emisor.rfc)) return 'Emisor/@Rfc is not an RFC';
  if (!RFC.test(cfdi.receptor.rfc)) return 'Receptor/@Rfc is not an RFC';
  if (!POSTAL_CODE.test(cfdi.lugarExpedicion)) return 'LugarExpedicion is not a postal code';
  if (!POSTAL_CODE.test(cfdi.receptor.domicilioFiscalReceptor))
    return 'Receptor/@DomicilioFiscalReceptor is not a postal code';
  for (const [name, value] of [
    ['SubTotal', cfdi.subTotal],
    ['Total', cfdi.total],
  ] as const)
    if (!AMOUNT.test(value)) return `${name} is not an amount`;
  if (cfdi.conceptos.length === 0) return 'Conceptos has no Concepto';
  for (const [i, c] of cfdi.conceptos.entries())
    for (const [name, value] of [
      ['Cantidad', c.cantidad],
      ['ValorUnitario', c.valorUnitario],
      ['Importe', c.importe],
    ] as const)
      if (!AMOUNT.test(value)) return `Concepto[${i + 1}]/@${name} is not an amount`;
  return undefined;
}

const fail = (error: PacError, detail?: string): StampResult => ({
  ok: false,
  error: detail ? { ...error, detail } : error,
});

/**
 * A sandbox PAC: the checks a PAC makes before stamping (structure, seal, CSD of the issuer in
 * force at `Fecha`, `Fecha` within 72 hours, not stamped before), then a TimbreFiscalDigital 1.1
 * signed with the sandbox's own key. It accepts any certificate shaped like a CSD (SAT's test
 * CSDs and tenants' own): it has no list of SAT's certificates, so 304 (revoked) never occurs.
 *
 * A document sent again after it was stamped gets its first stamp back (`previously`), so a
 * caller that lost the answer retries safely. The memory is the process's: a sandbox.
 */
export class SandboxPac {
  /** By the issuer's Sello, and by UUID. */
  readonly #stamps = new Map<string, StampRecord>();
  readonly #byUuid = new Map<string, StampRecord>();

  constructor(
    private readonly identity: PacIdentity = sandboxPacIdentity(),
    private readonly now: () => Date = () => new Date(),
    private readonly journal?: SandboxPacJournal,
  ) {
    for (const entry of journal?.load() ?? []) this.#remember(entry);
  }

  #remember(entry: StampRecord) {
    this.#stamps.set(entry.key, entry);
    this.#byUuid.set(entry.uuid, entry);
  }

  #keep(entry: StampRecord) {
    this.#remember(entry);
    this.journal?.record(entry);
  }

  /** The PAC's own certificate, which verifies `SelloSAT`. */
  get certificate(): X509Certificate {
    return this.identity.certificate;
  }

  stamp(xml: string): StampResult {
    let cfdi: Cfdi;
    try {
      cfdi = readCfdi(xml);
    } catch (error) {
      return fail(PAC_ERRORS.structure, (error as Error).message);
    }
    if (cfdi.timbre) return fail(PAC_ERRORS.stamped);
    const problem = structureProblem(cfdi);
    if (problem) return fail(PAC_ERRORS.structure, problem);

    let certificate: ReturnType<typeof readCsdCertificate>;
    try {
      certificate = readCsdCertificate(Buffer.from(cfdi.certificado!, 'base64'));
    } catch (error) {
      if (error instanceof CsdError && error.problem === 'e-firma') return fail(PAC_ERRORS.notCsd);
      return fail(PAC_ERRORS.notSat, (error as Error).message);
    }
    if (certificate.noCertificado !== cfdi.noCertificado)
      return fail(PAC_ERRORS.seal, 'NoCertificado is not the number of Certificado');
    const cadena = cadenaOriginal(cfdi);
    const publicKey = new X509Certificate(certificate.certificate).publicKey;
    if (
      !verify('sha256', Buffer.from(cadena, 'utf8'), publicKey, Buffer.from(cfdi.sello!, 'base64'))
    )
      return fail(PAC_ERRORS.seal);
    if (certificate.rfc !== cfdi.emisor.rfc) return fail(PAC_ERRORS.issuer);

    const issued = fromCentralTime(cfdi.fecha);
    if (issued < certificate.validFrom || issued > certificate.validTo)
      return fail(PAC_ERRORS.validity);

    const key = createHash('sha256').update(cfdi.sello!).digest('base64');
    const previous = this.#stamps.get(key);
    if (previous) return { ok: true, xml: previous.xml, timbre: previous.timbre, previously: true };

    const now = this.now();
    if (issued.getTime() > now.getTime() + HOUR || now.getTime() - issued.getTime() > 72 * HOUR)
      return fail(PAC_ERRORS.window, `Fecha ${cfdi.fecha} is not within the last 72 hours`);

    const unsigned = {
      uuid: randomUUID().toUpperCase(),
      fechaTimbrado: centralTime(now),
      rfcProvCertif: this.identity.rfc,
      selloCFD: cfdi.sello!,
      noCertificadoSAT: this.identity.noCertificado,
    };
    const selloSAT = sign(
      'sha256',
      Buffer.from(cadenaOriginalTimbre({ ...unsigned, selloSAT: '' }), 'utf8'),
      this.identity.privateKey,
    ).toString('base64');
    const timbre: TimbreFiscalDigital = { ...unsigned, selloSAT };
    const stamped = withTimbre(xml, buildTimbre(timbre));
    this.#keep({
      key,
      uuid: timbre.uuid,
      issuerRfc: cfdi.emisor.rfc,
      receptorRfc: cfdi.receptor.rfc,
      tipoDeComprobante: cfdi.tipoDeComprobante,
      totalMxn: pesos(cfdi.total, cfdi.moneda, cfdi.tipoCambio),
      stampedAt: now.toISOString(),
      xml: stamped,
      timbre,
    });
    return { ok: true, xml: stamped, timbre, previously: false };
  }

  /**
   * Cancels a stamped CFDI with one of SAT's reasons. 01 (errors with a relation) names the
   * replacement, which must be a CFDI of the same issuer stamped here; the others name none.
   * Without the receptor's acceptance it is `pending`, unless one of SAT's exceptions applies:
   * the público en general or a foreign receptor, an egreso, traslado, nómina or pago, a total up
   * to $1,000 MXN, or a cancellation by the day after the stamp. Asking again for a pending one
   * answers it again; for a cancelled one, 202.
   */
  cancel(request: {
    issuerRfc: string;
    uuid: string;
    reason: CancellationReason;
    substitute?: string;
  }): CancelResult {
    const uuid = request.uuid.toUpperCase();
    const substitute = request.substitute?.toUpperCase();
    const record = this.#byUuid.get(uuid);
    if (!record) return cancelFail(CANCEL_ERRORS.unknown, `No CFDI ${uuid} was stamped here`);
    if (record.issuerRfc !== request.issuerRfc) return cancelFail(CANCEL_ERRORS.issuer);
    if (record.cancellation?.status === 'cancelled') return cancelFail(CANCEL_ERRORS.previously);
    if (record.cancellation) return { ok: true, ...record.cancellation };
    if (!(['01', '02', '03', '04'] as const).includes(request.reason))
      return cancelFail(
        { ...CANCEL_ERRORS.request, field: 'reason' },
        `Motivo ${request.reason} is not one of SAT's 01–04`,
      );
    if (request.reason === '01') {
      if (!substitute)
        return cancelFail(CANCEL_ERRORS.request, 'Motivo 01 requires FolioSustitucion');
      const replacement = this.#byUuid.get(substitute);
      if (!replacement || replacement.issuerRfc !== record.issuerRfc || substitute === uuid)
        return cancelFail(
          CANCEL_ERRORS.request,
          `FolioSustitucion ${substitute} is not another CFDI of ${record.issuerRfc} stamped here`,
        );
    } else if (substitute) {
      return cancelFail(CANCEL_ERRORS.request, 'FolioSustitucion goes only with motivo 01');
    }
    const now = this.now();
    const cancellation: Cancellation = {
      reason: request.reason,
      ...(substitute ? { substitute } : {}),
      status: withoutAcceptance(record, now) ? 'cancelled' : 'pending',
      at: now.toISOString(),
    };
    this.#keep({ ...record, cancellation });
    return { ok: true, ...cancellation };
  }
}

const cancelFail = (error: PacError, detail?: string): CancelResult => ({
  ok: false,
  error: detail ? { ...error, detail } : error,
});

const GENERIC_RFCS = new Set(['XAXX010101000', 'XEXX010101000']);

/** SAT's exceptions to the receptor's acceptance (regla 2.7.1.35 RMF, as PACs list them). */
function withoutAcceptance(record: StampRecord, now: Date): boolean {
  if (GENERIC_RFCS.has(record.receptorRfc)) return true;
  if (record.tipoDeComprobante !== 'I') return true;
  if (Number(record.totalMxn) <= 1000) return true;
  // By the day after the stamp (in Mexico's central time); business days are not modelled.
  const stampDay = centralTime(new Date(record.stampedAt)).slice(0, 10);
  const lastDay = new Date(Date.parse(`${stampDay}T00:00:00Z`) + 24 * HOUR)
    .toISOString()
    .slice(0, 10);
  return centralTime(now).slice(0, 10) <= lastDay;
}

/** The total in pesos; a document in another currency carries its TipoCambio. */
function pesos(total: string, moneda: string, tipoCambio?: string): string {
  if (moneda === 'MXN' || moneda === 'XXX' || !tipoCambio) return total;
  return (Number(total) * Number(tipoCambio)).toFixed(2);
}

/** The issuer's bytes kept as sent, the stamp added inside `cfdi:Complemento`. */
function withTimbre(xml: string, timbre: string): string {
  const complement = xml.lastIndexOf('</cfdi:Complemento>');
  if (complement >= 0) return xml.slice(0, complement) + timbre + xml.slice(complement);
  const end = xml.lastIndexOf('</cfdi:Comprobante>');
  return `${xml.slice(0, end)}<cfdi:Complemento>${timbre}</cfdi:Complemento>${xml.slice(end)}`;
}
