import { ValidationError } from '../errors.ts';
import type { Invoice, PartySnapshot } from '../invoices/model.ts';
import { offsetAt, type WallClock, wallClockAt } from '../schedules/time-zone.ts';
import { withoutXmlForbidden } from '../shared/xml-text.ts';

/**
 * How values are written in VERI*FACTU records. Each helper returns the exact string the XML will
 * carry, because the huella is computed over those characters (AEAT hash spec v0.1.2 §5).
 */

function fail(path: string, message: string): never {
  throw new ValidationError(`VERI*FACTU: ${message}`, [{ path, message }]);
}

/** YYYY-MM-DD → DD-MM-YYYY, the `fecha` type of SuministroInformacion.xsd. */
export function fecha(isoDate: string, path = 'issueDate'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return fail(path, `${isoDate} is not a YYYY-MM-DD date`);
  return `${match[3]}-${match[2]}-${match[1]}`;
}

/**
 * `at` on the wall clock of `timezone` as `YYYY-MM-DDThh:mm:ss±hh:mm` (xs:dateTime with the
 * offset in force at that instant, so Madrid reads +01:00 in winter and +02:00 in summer).
 * Milliseconds are dropped: AEAT's examples carry whole seconds.
 */
export function fechaHoraHuso(at: Date, timezone: string): string {
  if (Number.isNaN(at.getTime())) return fail('generatedAt', 'the generation time is not a date');
  const instant = Math.floor(at.getTime() / 1000) * 1000;
  let wall: WallClock;
  try {
    wall = wallClockAt(instant, timezone);
  } catch {
    return fail('timezone', `${timezone} is not an IANA time zone`);
  }
  const offset = Math.round(offsetAt(instant, timezone) / 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${String(wall.year).padStart(4, '0')}-${two(wall.month)}-${two(wall.day)}` +
    `T${two(wall.hour)}:${two(wall.minute)}:${two(wall.second)}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

const AMOUNT = /^[+-]?\d{1,12}(\.\d{1,2})?$/;

/**
 * A model amount as ImporteSgn12.2Type: '.' decimal separator, up to 12 integer digits and 2
 * decimals, no thousands separator. The model's own string is kept (never re-formatted through a
 * float); only a negative zero, which the engine can produce for a negated line, becomes "0.00".
 */
export function importe(value: string, path: string): string {
  if (!AMOUNT.test(value)) {
    return fail(path, `${value} is not an amount of up to 12 digits and 2 decimals`);
  }
  return /^-0(\.0*)?$/.test(value) ? value.slice(1) : value;
}

const NUM_SERIE_FORBIDDEN = /["'<>=]/;

/**
 * NumSerieFactura: 1–60 printable ASCII characters without " ' < > = (AEAT Validaciones v1.2.2
 * §3.1.3.1). The number identifies the invoice and feeds the huella, so it is checked, never cut.
 */
export function numSerie(value: string | undefined, path = 'number'): string {
  if (!value) return fail(path, 'the invoice has no number yet (issue it first)');
  if (value.length > 60) return fail(path, `${value} is longer than 60 characters`);
  if (!/^[\x20-\x7E]+$/.test(value) || NUM_SERIE_FORBIDDEN.test(value)) {
    return fail(path, `${value} must be printable ASCII without " ' < > =`);
  }
  return value;
}

/** A Spanish party's NIF as AEAT wants it: 9 characters, no ES prefix. */
export function nif(party: PartySnapshot, path: string): string {
  if (!party.taxIdKind.startsWith('ES_')) {
    return fail(path, `${party.taxId} is not a Spanish NIF (${party.taxIdKind})`);
  }
  const id = party.taxId.toUpperCase().replace(/^ES(?=.{9}$)/, '');
  if (id.length !== 9) return fail(path, `NIF ${id} must have 9 characters`);
  return id;
}

/**
 * Free text cut to `max` characters (the XSD counts characters, not bytes), without the
 * characters XML 1.0 cannot carry (which the API refuses, but older invoices and parties may
 * hold): the record is written as XML exactly as generated. Names and the description are not
 * part of the huella, so shortening or cleaning them cannot break the chain.
 */
export function text(value: string, max: number): string {
  const chars = Array.from(withoutXmlForbidden(value).trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max).join('').trimEnd();
}

/** The issuer's NIF, the invoice number and its date: what identifies an invoice to AEAT. */
export function invoiceId(invoice: Invoice) {
  return {
    nif: nif(invoice.issuer, 'issuer.taxId'),
    numSerie: numSerie(invoice.number),
    fecha: fecha(invoice.issueDate),
  };
}
