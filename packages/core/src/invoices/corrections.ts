import { ConflictError, ValidationError } from '../errors.ts';
import { cents, Dec, sum } from '../money/decimal.ts';
import { todayIn } from '../shared/dates.ts';
import { computeInvoice } from '../taxes/compute.ts';
import type { LineInput } from '../taxes/model.ts';
import { jurisdictionOf } from '../taxes/rules.ts';
import { cfdiUseProblem } from '../taxes/sat-catalogs.ts';
import type { InvoiceDeps } from './deps.ts';
import { billDeposits, releasingDeposits } from './from-deposits.ts';
import { getInvoice } from './get-invoice.ts';
import { issueInvoice } from './issue-invoice.ts';
import type { LineRequest } from './lines.ts';
import { chooseSeries } from './list-series.ts';
import type { CorrectionMethod, Invoice, InvoiceStatus } from './model.ts';
import { customerSnapshot, issuerSnapshot, loadParties } from './parties.ts';
import { formatNumber, numberingPeriod } from './series.ts';
import { altaFor, chainsRecords } from './verifactu.ts';
import { importedElsewhere } from './void-invoice.ts';

/** Facturae ReasonCodeType texts, spelt exactly as the schema lists them (its enumeration is closed). */
export const REASONS: Record<string, string> = {
  '01': 'Número de la factura',
  '02': 'Serie de la factura',
  '03': 'Fecha expedición',
  '04': 'Nombre y apellidos/Razón Social-Emisor',
  '05': 'Nombre y apellidos/Razón Social-Receptor',
  '06': 'Identificación fiscal Emisor/obligado',
  '07': 'Identificación fiscal Receptor',
  '08': 'Domicilio Emisor/Obligado',
  '09': 'Domicilio Receptor',
  '10': 'Detalle Operación',
  '11': 'Porcentaje impositivo a aplicar',
  '12': 'Cuota tributaria a aplicar',
  '13': 'Fecha/Periodo a aplicar',
  '14': 'Clase de factura',
  '15': 'Literales legales',
  '16': 'Base imponible',
  '80': 'Cálculo de cuotas repercutidas',
  '81': 'Cálculo de cuotas retenidas',
  '82': 'Base imponible modificada por devolución de envases / embalajes',
  '83': 'Base imponible modificada por descuentos y bonificaciones',
  '84': 'Base imponible modificada por resolución firme, judicial o administrativa',
  '85': 'Base imponible modificada cuotas repercutidas no satisfechas. Auto de declaración de concurso',
};

const CORRECTABLE: InvoiceStatus[] = ['issued', 'sent', 'paid', 'rectified'];

export interface CorrectionRequest {
  reasonCode: string;
  reasonDescription?: string;
  method: CorrectionMethod;
  lines: LineRequest[];
  issueDate?: string;
  /**
   * Deposits of the original that the correction takes back (the part rectified): uninvoiced
   * again once the corrective is issued. A correction that brings the original to zero gives
   * back all of them unless it names some.
   */
  releaseDepositIds?: string[];
}

/** A correction is in the original's currency, at its rate, under its issuer's tax rules. */
const computeOptionsOf = (original: Invoice) => ({
  currency: original.currency,
  jurisdiction: jurisdictionOf(original.issuer.address.country),
});

const sameMoney = (original: Invoice) => ({
  currency: original.currency,
  ...(original.exchangeRate ? { exchangeRate: original.exchangeRate } : {}),
  ...(original.cfdiUse ? { cfdiUse: original.cfdiUse } : {}),
});

/**
 * A Mexican corrective is a CFDI egreso: its use is G02 (devoluciones, descuentos o
 * bonificaciones) when the buyer's régimen allows it, else the original's.
 */
const creditNoteUse = (originalUse: string, regime: string | undefined) =>
  cfdiUseProblem('G02', regime) ? originalUse : 'G02';

/** The month the original belongs to: the tax period Facturae's Corrective block names. */
function periodOf(date: string) {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    start: `${date.slice(0, 7)}-01`,
    end: `${date.slice(0, 7)}-${String(last).padStart(2, '0')}`,
  };
}

/**
 * Issues a corrective invoice for `original` in the tenant's corrective series and marks the
 * original with `newStatus`, both in the numbering transaction: either the corrective exists with
 * its number and the original points to it, or nothing changed.
 */
async function issueCorrective(
  deps: InvoiceDeps,
  original: Invoice,
  request: CorrectionRequest & { lines: LineInput[] },
  newStatus: InvoiceStatus,
  eventType: string,
  /** Deposits of the original given back with the corrective. */
  release: readonly string[] = [],
): Promise<{ original: Invoice; corrective: Invoice }> {
  if (original.origin === 'import') throw importedElsewhere(original);
  if (!CORRECTABLE.includes(original.status)) {
    throw new ConflictError(
      `Invoice ${original.number ?? original.id} is ${original.status} and cannot be corrected`,
    );
  }
  if (original.issuer.address.country === 'MX' && !original.cfdi?.uuid) {
    // Its CFDI relates to the original's fiscal folio, which an unstamped original lacks.
    throw new ConflictError(
      `Invoice ${original.number ?? original.id} is not stamped yet: stamp it before correcting it`,
    );
  }
  const { tenant, customer } = await loadParties(deps, original.tenantId, original.customerId);
  const series = await chooseSeries(deps)(original.tenantId, 'corrective', undefined);
  const now = deps.clock.now();
  const at = now.toISOString();
  const today = todayIn(tenant.timezone, now);
  const issueDate = request.issueDate ?? today;
  if (issueDate > today || issueDate < original.issueDate) {
    throw new ValidationError(`Issue date ${issueDate} is out of range`, [
      {
        path: 'issueDate',
        message: `Between the original's date (${original.issueDate}) and today (${today})`,
      },
    ]);
  }
  const draft: Invoice = {
    id: deps.ids.next('inv'),
    tenantId: original.tenantId,
    status: 'draft',
    kind: 'corrective',
    customerId: original.customerId,
    series: series.code,
    issueDate,
    issueDateFixed: true,
    ...sameMoney(original),
    ...(original.cfdiUse ? { cfdiUse: creditNoteUse(original.cfdiUse, customer.taxRegime) } : {}),
    language: original.language,
    issuer: issuerSnapshot(tenant),
    customer: customerSnapshot(customer),
    ...computeInvoice(request.lines, computeOptionsOf(original)),
    ...(original.payment ? { payment: original.payment } : {}),
    corrective: {
      originalId: original.id,
      originalNumber: original.number ?? original.id,
      originalSeries: original.series,
      originalIssueDate: original.issueDate,
      reasonCode: request.reasonCode,
      reasonDescription:
        request.reasonDescription ?? REASONS[request.reasonCode] ?? request.reasonCode,
      method: request.method,
      period: periodOf(original.issueDate),
      // Mexico: the CFDI relates to the original's fiscal folio (01 credit, 02 debit, 04 substitution).
      ...(original.cfdi?.uuid ? { originalUuid: original.cfdi.uuid } : {}),
    },
    events: [{ at, type: 'created', detail: { corrects: original.id } }],
    // Version 0: the corrective does not exist yet; the transaction creates it.
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
  const chained = chainsRecords(deps, tenant);
  const write = await deps.invoices.issue(
    draft,
    { series: series.code, period: numberingPeriod(series, issueDate) },
    (counter) => {
      const sequence = counter.last + 1;
      const number = formatNumber(series, issueDate, sequence);
      const updatedOriginal: Invoice = {
        ...original,
        status: newStatus,
        events: [
          ...original.events,
          {
            at,
            type: eventType,
            detail: {
              correctiveId: draft.id,
              number,
              ...(release.length ? { releasedDeposits: [...release] } : {}),
            },
          },
        ],
        version: original.version + 1,
        updatedAt: at,
      };
      const corrective: Invoice = {
        ...draft,
        status: 'issued',
        sequence,
        number,
        // A Mexican corrective is a CFDI too, stamped after numbering (the post-issue step).
        ...(tenant.address.country === 'MX' ? { cfdi: { status: 'pending' as const } } : {}),
        events: [...draft.events, { at, type: 'issued' }],
        version: 1,
        issuedAt: at,
      };
      return {
        invoice: corrective,
        also: [updatedOriginal],
        ...(release.length ? { deposits: releasingDeposits(original.id, release) } : {}),
        ...(chained
          ? {
              record: altaFor(
                corrective,
                chained,
                counter.chain?.link,
                now,
                tenant.timezone,
                original,
              ),
            }
          : {}),
      };
    },
    { chain: !!chained, deposits: release.length },
  );
  return { original: write.also![0]!, corrective: write.invoice };
}

/** A corrective invoice by differences (the change) or by substitution (the corrected whole). */
export const rectifyInvoice =
  (deps: InvoiceDeps) => async (tenantId: string, id: string, request: CorrectionRequest) => {
    const original = await getInvoice(deps)(tenantId, id);
    const { customer } = await loadParties(deps, tenantId, original.customerId);
    const lines = await deps.resolveLines(tenantId, customer, request.lines);
    const release = depositsRectified(original, request, lines);
    return issueCorrective(
      deps,
      original,
      { ...request, lines },
      'rectified',
      'rectified',
      release,
    );
  };

/**
 * The deposits a rectification gives back: those it names (each must be one the original bills),
 * or, naming none, all of them when it brings the original to zero (differences of minus its
 * total), none otherwise.
 */
function depositsRectified(
  original: Invoice,
  request: CorrectionRequest,
  lines: LineInput[],
): string[] {
  const billed = original.deposits ?? [];
  if (request.releaseDepositIds) {
    const errors = request.releaseDepositIds.flatMap((id, i) =>
      billed.includes(id)
        ? []
        : [
            {
              path: `releaseDepositIds.${i}`,
              message: `Invoice ${original.number ?? original.id} does not bill deposit ${id}`,
            },
          ],
    );
    if (errors.length) throw new ValidationError('Invalid deposits to release', errors);
    return [...new Set(request.releaseDepositIds)];
  }
  if (!billed.length || request.method !== 'differences') return [];
  const change = computeInvoice(lines, computeOptionsOf(original)).totals.total;
  return new Dec(change).negated().equals(original.totals.total) ? billed : [];
}

/** The original's lines with opposite sign: a corrective that brings it to zero. */
const negated = (original: Invoice): LineInput[] =>
  original.lines.map(({ taxAmounts: _t, gross: _g, discount: _d, net: _n, ...line }) => ({
    ...line,
    quantity: line.quantity.startsWith('-') ? line.quantity.slice(1) : `-${line.quantity}`,
  }));

/** Cancels an issued invoice with a corrective that cancels every line; its deposits go back. */
export const cancelInvoice =
  (deps: InvoiceDeps) => async (tenantId: string, id: string, reasonDescription?: string) => {
    const original = await getInvoice(deps)(tenantId, id);
    return issueCorrective(
      deps,
      original,
      {
        reasonCode: '16',
        reasonDescription: reasonDescription ?? `Anulación de la factura ${original.number ?? id}`,
        method: 'differences',
        lines: negated(original),
      },
      'cancelled',
      'cancelled',
      original.deposits,
    );
  };

/** A part of a split: lines, or (for an invoice of deposits) some of its deposits. */
/** A split by deposits must give each of the original's deposits to exactly one part. */
function checkDepositsCovered(original: Invoice, parts: SplitPart[]) {
  const billed = new Set(original.deposits ?? []);
  const seen = new Set<string>();
  const errors = parts.flatMap((part, i) =>
    (part.depositIds ?? []).flatMap((id, j) => {
      const path = `parts.${i}.depositIds.${j}`;
      if (!billed.has(id)) {
        return [{ path, message: `Invoice ${original.number} does not bill deposit ${id}` }];
      }
      if (seen.has(id)) return [{ path, message: `Deposit ${id} is in two parts` }];
      seen.add(id);
      return [];
    }),
  );
  const missing = [...billed].filter((id) => !seen.has(id));
  if (missing.length) {
    errors.push({ path: 'parts', message: `No part takes deposit ${missing.join(', ')}` });
  }
  if (errors.length) throw new ValidationError('The parts do not divide the deposits', errors);
}

export interface SplitPart {
  customerId?: string;
  lines?: LineRequest[];
  depositIds?: string[];
}

/**
 * Replaces an issued invoice by several: a corrective brings the original to zero and each part
 * is issued as a new invoice in the original's series. The parts must add up to the original's
 * total. Parts are saved as drafts before anything is issued, so if issuing one fails the rest
 * stay visible as drafts (`source.splitOf`) to issue, not lost.
 */
export const splitInvoice =
  (deps: InvoiceDeps) => async (tenantId: string, id: string, parts: SplitPart[]) => {
    const original = await getInvoice(deps)(tenantId, id);
    if (!CORRECTABLE.includes(original.status)) {
      throw new ConflictError(
        `Invoice ${original.number ?? id} is ${original.status} and cannot be split`,
      );
    }
    const drafts: Invoice[] = [];
    for (const [i, part] of parts.entries()) {
      const { tenant, customer } = await loadParties(
        deps,
        tenantId,
        part.customerId ?? original.customerId,
        `parts.${i}.customerId`,
      );
      const billing = part.depositIds
        ? await billDeposits(deps, customer, computeOptionsOf(original).jurisdiction, {
            depositIds: part.depositIds,
            currency: original.currency,
            heldBy: original.id,
            path: `parts.${i}.depositIds`,
          })
        : undefined;
      const computation = computeInvoice(
        billing?.lines ?? (await deps.resolveLines(tenantId, customer, part.lines ?? [])),
        computeOptionsOf(original),
      );
      const at = deps.clock.now().toISOString();
      drafts.push({
        id: deps.ids.next('inv'),
        tenantId,
        status: 'draft',
        kind: 'standard',
        customerId: customer.id,
        series: original.series,
        issueDate: todayIn(tenant.timezone, deps.clock.now()),
        ...sameMoney(original),
        language: original.language,
        issuer: issuerSnapshot(tenant),
        customer: customerSnapshot(customer),
        ...computation,
        ...(original.payment ? { payment: original.payment } : {}),
        ...(billing ? { deposits: billing.deposits, depositsFrom: original.id } : {}),
        events: [{ at, type: 'created', detail: { splitOf: original.id } }],
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
    }
    const total = sum(drafts.map((d) => new Dec(d.totals.total)));
    if (parts.every((p) => p.depositIds)) {
      // Split by deposits: each of the original's deposits goes to one part. Totals are not
      // compared: each part rounds its own taxes, so they may differ from the original's by cents.
      checkDepositsCovered(original, parts);
    } else if (!total.equals(original.totals.total)) {
      throw new ValidationError('The parts do not add up to the original', [
        {
          path: 'parts',
          message: `The parts total ${cents(total)}; the original totals ${original.totals.total}`,
        },
      ]);
    }
    for (const d of drafts) await deps.invoices.create(d);
    const { original: updated, corrective } = await issueCorrective(
      deps,
      original,
      {
        reasonCode: '16',
        reasonDescription: `Sustituida por ${drafts.length} facturas`,
        method: 'differences',
        lines: negated(original),
      },
      'rectified',
      'split',
    );
    const replacements: Invoice[] = [];
    for (const d of drafts) replacements.push(await issueInvoice(deps)(tenantId, d.id));
    return { original: updated, corrective, replacements };
  };
