import type { Language } from '../../parties/party.ts';
import { longDate, money } from '../../shared/texts.ts';
import type { PolicyRun } from '../model.ts';

/** The note a period's invoice prints: which days' deposits it bills (local dates, inclusive). */
export function periodNote(from: string, to: string, language: Language): string {
  const [a, b] = [longDate(from, language), longDate(to, language)];
  return {
    es: `Depósitos del ${a} al ${b}`,
    ca: `Dipòsits del ${a} al ${b}`,
    en: `Deposits from ${a} to ${b}`,
  }[language];
}

/** How many failures a report spells out; the count says the rest. */
const LISTED = 20;

const TEXTS = {
  es: {
    subject: (who: string, c: number, f: number) =>
      `Facturación automática de ${who}: ${c} ${c === 1 ? 'factura' : 'facturas'}${f ? `, ${f} con errores` : ''}`,
    intro: (who: string, from: string, to: string) =>
      `Depósitos de ${who} del ${from} al ${to} (pagados antes del cierre y aún sin facturar).`,
    invoices: 'Facturas emitidas',
    deposits: 'depósitos',
    skipped: 'Ya emitidas antes (no se duplican)',
    failures: 'Errores:',
    more: (n: number) => `… y ${n} más`,
    footer: 'Sello · facturación automática de depósitos',
  },
  ca: {
    subject: (who: string, c: number, f: number) =>
      `Facturació automàtica de ${who}: ${c} ${c === 1 ? 'factura' : 'factures'}${f ? `, ${f} amb errors` : ''}`,
    intro: (who: string, from: string, to: string) =>
      `Dipòsits de ${who} del ${from} al ${to} (pagats abans del tancament i encara sense facturar).`,
    invoices: 'Factures emeses',
    deposits: 'dipòsits',
    skipped: 'Ja emeses abans (no es dupliquen)',
    failures: 'Errors:',
    more: (n: number) => `… i ${n} més`,
    footer: 'Sello · facturació automàtica de dipòsits',
  },
  en: {
    subject: (who: string, c: number, f: number) =>
      `Automatic invoicing of ${who}: ${c} ${c === 1 ? 'invoice' : 'invoices'}${f ? `, ${f} failed` : ''}`,
    intro: (who: string, from: string, to: string) =>
      `Deposits of ${who} from ${from} to ${to} (paid before the close and not invoiced yet).`,
    invoices: 'Invoices issued',
    deposits: 'deposits',
    skipped: 'Issued before (not duplicated)',
    failures: 'Failures:',
    more: (n: number) => `… and ${n} more`,
    footer: 'Sello · automatic invoicing of deposits',
  },
} as const satisfies Record<Language, unknown>;

const localDay = (iso: string, timezone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date(iso));

/** The owner's report of a policy's run: the invoices made, their deposits, the failures. */
export function policyRunReportMail(
  run: PolicyRun,
  customerName: string,
  timezone: string,
  language: Language,
): { subject: string; text: string } {
  const t = TEXTS[language];
  const from = longDate(localDay(run.period.from, timezone), language);
  const to = longDate(
    localDay(new Date(Date.parse(run.period.to) - 1).toISOString(), timezone),
    language,
  );
  const lines = [t.intro(customerName, from, to), '', `${t.invoices}: ${run.created}`];
  for (const i of run.invoices.slice(0, LISTED)) {
    lines.push(
      `- ${i.number ?? i.id}: ${money(i.total, i.currency, language)} (${i.deposits} ${t.deposits})`,
    );
  }
  if (run.skipped) lines.push(`${t.skipped}: ${run.skipped}`);
  if (run.failures.length) {
    lines.push('', t.failures);
    for (const f of run.failures.slice(0, LISTED)) {
      lines.push(`- ${f.message}${f.depositIds?.length ? ` (${f.depositIds.join(', ')})` : ''}`);
    }
    if (run.failed > LISTED) lines.push(t.more(run.failed - LISTED));
  }
  lines.push('', `${t.footer} · ${run.customerId} · ${run.id}`);
  return { subject: t.subject(customerName, run.created, run.failed), text: lines.join('\n') };
}
