import { invoiceMail } from '../../invoices/mail-texts.ts';
import type { Invoice } from '../../invoices/model.ts';
import type { Language } from '../../parties/party.ts';
import { money } from '../../shared/texts.ts';
import type { Asset, Task, TaskRun } from '../model.ts';

const locale = (language: Language) => (language === 'en' ? 'en-IE' : `${language}-ES`);

const when = (iso: string, timezone: string, language: Language) =>
  `${new Intl.DateTimeFormat(locale(language), {
    timeZone: timezone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso))} (${timezone})`;

const list = (items: readonly string[], and: string) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;

/** The line a document prints for a customer's linked assets (equipment under maintenance). */
export function assetsNote(assets: readonly Asset[], language: Language): string | undefined {
  if (!assets.length) return undefined;
  const label = { es: 'Equipos', ca: 'Equips', en: 'Assets' }[language];
  const serial = { es: 'n.º de serie', ca: 'núm. de sèrie', en: 'serial' }[language];
  const items = assets.map((a) => (a.serial ? `${a.name} (${serial} ${a.serial})` : a.name));
  return `${label}: ${items.join('; ')}`;
}

/**
 * The mail carrying a task's invoice: the usual subject, a body naming what is attached (`names`:
 * the formats' names, in order).
 */
export function taskInvoiceMail(
  invoice: Invoice,
  names: readonly string[],
): { subject: string; text: string } {
  const { subject } = invoiceMail(invoice);
  const n = invoice.number ?? '';
  const issuer = invoice.issuer.name;
  const total = money(invoice.totals.total, invoice.currency, invoice.language);
  switch (invoice.language) {
    case 'ca':
      return {
        subject,
        text: [
          'Bon dia,',
          '',
          `Us adjuntem la factura ${n} de ${issuer}, per un import de ${total}.`,
          `Adjunts: ${list(names, 'i')}.`,
          '',
          'Salutacions,',
          issuer,
        ].join('\n'),
      };
    case 'en':
      return {
        subject,
        text: [
          'Hello,',
          '',
          `Please find attached invoice ${n} from ${issuer} for ${total}.`,
          `Attached: ${list(names, 'and')}.`,
          '',
          'Kind regards,',
          issuer,
        ].join('\n'),
      };
    default:
      return {
        subject,
        text: [
          'Buenos días:',
          '',
          `Le adjuntamos la factura ${n} de ${issuer}, por un importe de ${total}.`,
          `Adjuntos: ${list(names, 'y')}.`,
          '',
          'Un saludo,',
          issuer,
        ].join('\n'),
      };
  }
}

/** How many failures and missed occurrences a report spells out; the counts say the rest. */
const LISTED = 20;

interface ReportText {
  subject: (created: number, failed: number) => string;
  intro: string;
  created: string;
  skipped: string;
  failed: string;
  amounts: (total: string, net: string, tax: string, withheld: string) => string;
  failures: string;
  more: (n: number) => string;
  missed: string;
  footer: string;
}

const TEXTS: Record<Language, (task: Task, occurrence: string) => ReportText> = {
  es: (task, occurrence) => ({
    subject: (c, f) =>
      `Tarea «${task.name}»: ${c} ${task.documentType === 'invoice' ? 'facturas' : 'órdenes de trabajo'} creadas${f ? `, ${f} con errores` : ''}`,
    intro: `Resultado de la tarea «${task.name}» en la ocurrencia del ${occurrence}.`,
    created: 'Documentos creados',
    skipped: 'Ya existentes (no se duplican)',
    failed: 'Clientes con errores',
    amounts: (t, n, x, w) =>
      `Total de las facturas creadas: ${t} (base ${n}, impuestos ${x}${w ? `, retenciones ${w}` : ''})`,
    failures: 'Errores:',
    more: (n) => `… y ${n} más`,
    missed: 'Ocurrencias anteriores que no se ejecutaron (puede ejecutarlas a demanda):',
    footer: 'Sello · tareas automáticas',
  }),
  ca: (task, occurrence) => ({
    subject: (c, f) =>
      `Tasca «${task.name}»: ${c} ${task.documentType === 'invoice' ? 'factures' : 'ordres de treball'} creades${f ? `, ${f} amb errors` : ''}`,
    intro: `Resultat de la tasca «${task.name}» a l'ocurrència del ${occurrence}.`,
    created: 'Documents creats',
    skipped: 'Ja existents (no es dupliquen)',
    failed: 'Clients amb errors',
    amounts: (t, n, x, w) =>
      `Total de les factures creades: ${t} (base ${n}, impostos ${x}${w ? `, retencions ${w}` : ''})`,
    failures: 'Errors:',
    more: (n) => `… i ${n} més`,
    missed: "Ocurrències anteriors que no s'han executat (podeu executar-les a demanda):",
    footer: 'Sello · tasques automàtiques',
  }),
  en: (task, occurrence) => ({
    subject: (c, f) =>
      `Task "${task.name}": ${c} ${task.documentType === 'invoice' ? 'invoices' : 'work orders'} created${f ? `, ${f} failed` : ''}`,
    intro: `Outcome of task "${task.name}" for the occurrence of ${occurrence}.`,
    created: 'Documents created',
    skipped: 'Already there (not duplicated)',
    failed: 'Customers that failed',
    amounts: (t, n, x, w) =>
      `Total of the invoices created: ${t} (net ${n}, tax ${x}${w ? `, withheld ${w}` : ''})`,
    failures: 'Failures:',
    more: (n) => `… and ${n} more`,
    missed: 'Earlier occurrences that did not run (you can run them on demand):',
    footer: 'Sello · automatic tasks',
  }),
};

/** The owner's report of a run: counts, amounts, failures, missed occurrences. */
export function runReportMail(
  task: Task,
  run: TaskRun,
  language: Language,
): { subject: string; text: string } {
  const tz = task.schedule.timezone;
  const t = TEXTS[language](task, when(run.occurrence, tz, language));
  const _and = { es: 'y', ca: 'i', en: 'and' }[language];
  const lines = [
    t.intro,
    '',
    `${t.created}: ${run.created}`,
    `${t.skipped}: ${run.skipped}`,
    `${t.failed}: ${run.failed}`,
  ];
  if (task.documentType === 'invoice' && run.created > 0) {
    const m = (v: string) => money(v, 'EUR', language);
    const withheld = run.totals.withheld !== '0.00' ? m(run.totals.withheld) : '';
    lines.push(t.amounts(m(run.totals.total), m(run.totals.net), m(run.totals.tax), withheld));
  }
  if (run.failures.length) {
    lines.push('', t.failures);
    for (const f of run.failures.slice(0, LISTED)) lines.push(`- ${f.customerId}: ${f.message}`);
    if (run.failed > LISTED) lines.push(t.more(run.failed - LISTED));
  }
  if (run.missed?.length) {
    lines.push('', t.missed);
    for (const m of run.missed.slice(0, LISTED)) lines.push(`- ${when(m, tz, language)}`);
    if (run.missed.length > LISTED) lines.push(t.more(run.missed.length - LISTED));
  }
  lines.push('', `${t.footer} · ${task.id} · ${run.id}`);
  return { subject: t.subject(run.created, run.failed), text: lines.join('\n') };
}
