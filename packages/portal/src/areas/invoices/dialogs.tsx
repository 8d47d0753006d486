import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { type components, unwrap, useApi } from '../../api/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { ActionDialog } from '../../ui/action-dialog.tsx';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { TextInput } from '../../ui/fields.tsx';
import { OptionSelect } from '../../ui/option-select.tsx';
import { apiSchema } from './api-schema.ts';
import { type LineDraft, lineFieldNames, lineFromInvoice, lineToBody } from './line-drafts.ts';
import { LinesEditor } from './lines.tsx';
import { isMexicanInvoice } from './mexico.ts';
import { INVOICES, type Invoice, useAllCustomers, useProducts } from './queries.ts';
import { useLanguage } from './totals.tsx';

type LineInput = components['schemas']['LineInput'];

/** What an action reports back to the invoice page: a notice, and where to go next. */
export type ActionDone = (notice: string, goTo?: string) => void;

type Correction = 'rectify' | 'cancel' | 'split';
type CorrectionBody = {
  rectify: components['schemas']['RectifyInput'];
  cancel: components['schemas']['CancelInput'];
  split: components['schemas']['SplitInput'];
};
/** What a correction answers: the original, and the invoices it issued. */
export interface CorrectionOutcome {
  original: Invoice;
  corrective?: Invoice;
  replacements?: Invoice[];
}
/**
 * Performs a correction some other way than the invoice's own route (a change request's resolve,
 * which runs the same use case): the forms below send their body to it when one is given.
 */
export type CorrectVia = <K extends Correction>(
  kind: K,
  body: CorrectionBody[K],
) => Promise<CorrectionOutcome>;
const CorrectViaContext = createContext<CorrectVia | undefined>(undefined);

const REASON_CODES = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '80',
  '81',
  '82',
  '83',
  '84',
  '85',
] as const;

function useRefresh() {
  const queries = useQueryClient();
  return () => queries.invalidateQueries({ queryKey: INVOICES });
}

/** An issued line as the API's line input (kept exactly, to be moved or corrected). */
const asLineInput = (line: Invoice['lines'][number]): LineInput => ({
  ...(line.productId ? { productId: line.productId } : {}),
  description: line.description,
  quantity: line.quantity,
  unitPrice: line.unitPrice,
  ...(line.discountRate ? { discountRate: line.discountRate } : {}),
  ...(line.unit ? { unit: line.unit } : {}),
  taxes: line.taxes,
});

function SendForm({ invoice, onDone }: { invoice: Invoice; onDone: ActionDone }) {
  const { t } = useTranslation();
  const api = useApi();
  const refresh = useRefresh();
  const form = useApiForm({
    schema: apiSchema('SendInput'),
    fields: ['to'],
    // Addresses typed separated by commas (or spaces); none: the customer's own.
    prepare: ({ to, ...rest }) => {
      const list = typeof to === 'string' ? to.split(/[\s,;]+/).filter(Boolean) : [];
      return list.length > 0 ? { ...rest, to: list } : rest;
    },
    submit: async (body) => {
      const sent = unwrap(
        await api.POST('/v1/invoices/{id}/send', { params: { path: { id: invoice.id } }, body }),
      );
      await refresh();
      const last = sent.events.findLast((e) => e.type === 'sent')?.detail?.to;
      const to = Array.isArray(last) ? last.join(', ') : (body.to ?? []).join(', ');
      onDone(t('invoices.dialogs.send.done', { to }));
    },
  });
  return (
    <ApiForm form={form}>
      <TextInput
        name="to"
        label={t('invoices.dialogs.send.to')}
        description={
          invoice.customer.email
            ? t('invoices.dialogs.send.toHint', { email: invoice.customer.email })
            : t('invoices.dialogs.send.toHintNone')
        }
        isRequired={!invoice.customer.email}
      />
      <div className="form-actions">
        <Button type="submit" className="button primary" isPending={form.pending}>
          {t('invoices.dialogs.send.submit')}
        </Button>
      </div>
    </ApiForm>
  );
}

function RectifyForm({ invoice, onDone }: { invoice: Invoice; onDone: ActionDone }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useApi();
  const refresh = useRefresh();
  const products = useProducts();
  const via = useContext(CorrectViaContext);
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  // A Mexican corrective (a CFDI egreso) keeps Mexican taxes and SAT keys on its lines.
  const mexico = isMexicanInvoice(invoice);
  const [lines, setLines] = useState<LineDraft[]>(() =>
    invoice.lines.map((l) => lineFromInvoice(l, language, mexico)),
  );
  const form = useApiForm({
    schema: apiSchema('RectifyInput'),
    fields: [
      'reasonCode',
      'reasonDescription',
      'method',
      ...lineFieldNames('lines', lines.length, mexico),
    ],
    prepare: (body) => ({
      ...body,
      lines: lines.map((l) => lineToBody(l, products.data ?? [], language)),
    }),
    submit: async (body) => {
      const result: CorrectionOutcome = via
        ? await via('rectify', body)
        : unwrap(
            await api.POST('/v1/invoices/{id}/rectify', {
              params: { path: { id: invoice.id } },
              body,
            }),
          );
      await refresh();
      onDone(
        t('invoices.dialogs.rectify.done', { number: result.corrective?.number }),
        result.corrective ? `/invoices/${encodeURIComponent(result.corrective.id)}` : undefined,
      );
    },
  });
  return (
    <ApiForm form={form}>
      <OptionSelect
        name="reasonCode"
        label={t('invoices.dialogs.rectify.reasonCode')}
        options={REASON_CODES.map((code) => ({
          id: code,
          label: `${code} · ${t(`invoices.dialogs.reasons.${code}`)}`,
        }))}
        value={reasonCode}
        onChange={setReasonCode}
        placeholder={t('invoices.dialogs.choose')}
        isRequired
      />
      <TextInput name="reasonDescription" label={t('invoices.dialogs.rectify.reasonDescription')} />
      <ChoiceField
        name="method"
        label={t('invoices.dialogs.rectify.method')}
        defaultValue="substitution"
        options={[
          { id: 'substitution', label: t('invoices.dialogs.rectify.substitution') },
          { id: 'differences', label: t('invoices.dialogs.rectify.differences') },
        ]}
      />
      <LinesEditor
        prefix="lines"
        lines={lines}
        onChange={setLines}
        products={products.data ?? []}
        mexico={mexico}
        currency={invoice.currency}
      />
      <div className="form-actions">
        <Button type="submit" className="button primary" isPending={form.pending}>
          {t('invoices.dialogs.rectify.submit')}
        </Button>
      </div>
    </ApiForm>
  );
}

/** SAT's c_MotivoCancelacion; 01 names the stamped CFDI that replaces the one cancelled. */
const CFDI_CANCEL_REASONS = ['01', '02', '03', '04'] as const;

/**
 * A CFDI is cancelled at SAT through the PAC with SAT's reason; SAT cancels it at once or leaves
 * it pending the buyer's acceptance.
 */
function CfdiCancelForm({ invoice, onDone }: { invoice: Invoice; onDone: ActionDone }) {
  const { t } = useTranslation();
  const api = useApi();
  const refresh = useRefresh();
  const via = useContext(CorrectViaContext);
  const previous = invoice.cfdi?.cancellation;
  // Asking again for a pending cancellation takes the same reason (and substitute).
  const [reason, setReason] = useState<string>(previous?.reason ?? '02');
  const c = (key: string) => t(`invoices.mexico.cancel.${key}` as 'invoices.mexico.cancel.title');
  const form = useApiForm({
    schema: apiSchema('CancelInput'),
    fields: ['reason', 'substitute'],
    prepare: (body) => {
      const { substitute, ...rest } = body;
      return rest.reason === '01' && typeof substitute === 'string'
        ? { ...rest, substitute: substitute.trim() }
        : rest;
    },
    submit: async (body) => {
      const result: CorrectionOutcome = via
        ? await via('cancel', body)
        : unwrap(
            await api.POST('/v1/invoices/{id}/cancel', {
              params: { path: { id: invoice.id } },
              body,
            }),
          );
      await refresh();
      onDone(result.original.cfdi?.cancellation?.status === 'cancelled' ? c('done') : c('pending'));
    },
  });
  return (
    <ApiForm form={form}>
      <div className="form">
        <p>{c('explain')}</p>
        <ChoiceField
          name="reason"
          label={c('reason')}
          defaultValue={reason}
          onChange={setReason}
          options={CFDI_CANCEL_REASONS.map((id) => ({ id, label: c(`reasons.${id}`) }))}
        />
        {reason === '01' ? (
          <TextInput
            name="substitute"
            label={c('substitute')}
            description={c('substituteHint')}
            isRequired
            defaultValue={previous?.substitute}
            className="mono-input"
          />
        ) : null}
        <div className="form-actions">
          <Button type="submit" className="button danger" isPending={form.pending}>
            {c('submit')}
          </Button>
        </div>
      </div>
    </ApiForm>
  );
}

function CancelForm({ invoice, onDone }: { invoice: Invoice; onDone: ActionDone }) {
  if (isMexicanInvoice(invoice)) return <CfdiCancelForm invoice={invoice} onDone={onDone} />;
  return <SpanishCancelForm invoice={invoice} onDone={onDone} />;
}

function SpanishCancelForm({ invoice, onDone }: { invoice: Invoice; onDone: ActionDone }) {
  const { t } = useTranslation();
  const api = useApi();
  const via = useContext(CorrectViaContext);
  const refresh = useRefresh();
  const form = useApiForm({
    schema: apiSchema('CancelInput'),
    fields: ['reasonDescription'],
    submit: async (body) => {
      const result: CorrectionOutcome = via
        ? await via('cancel', body)
        : unwrap(
            await api.POST('/v1/invoices/{id}/cancel', {
              params: { path: { id: invoice.id } },
              body,
            }),
          );
      await refresh();
      // A Spanish cancellation is a corrective (a CFDI's is CfdiCancelForm).
      onDone(t('invoices.dialogs.cancel.done', { number: result.corrective?.number }));
    },
  });
  return (
    <ApiForm form={form}>
      <p>{t('invoices.dialogs.cancel.explain')}</p>
      <TextInput name="reasonDescription" label={t('invoices.dialogs.reason')} />
      <div className="form-actions">
        <Button type="submit" className="button danger" isPending={form.pending}>
          {t('invoices.dialogs.cancel.submit')}
        </Button>
      </div>
    </ApiForm>
  );
}

function VoidForm({ invoice, onDone }: { invoice: Invoice; onDone: ActionDone }) {
  const { t } = useTranslation();
  const api = useApi();
  const refresh = useRefresh();
  const form = useApiForm({
    schema: apiSchema('VoidInput'),
    fields: ['reason'],
    submit: async (body) => {
      unwrap(
        await api.POST('/v1/invoices/{id}/void', { params: { path: { id: invoice.id } }, body }),
      );
      await refresh();
      onDone(t('invoices.dialogs.void.done'));
    },
  });
  return (
    <ApiForm form={form}>
      <p>{t('invoices.dialogs.void.explain')}</p>
      <TextInput name="reason" label={t('invoices.dialogs.reason')} isRequired />
      <div className="form-actions">
        <Button type="submit" className="button danger" isPending={form.pending}>
          {t('invoices.dialogs.void.submit')}
        </Button>
      </div>
    </ApiForm>
  );
}

const SAME = '';

function SplitForm({ invoice, onDone }: { invoice: Invoice; onDone: ActionDone }) {
  const { t } = useTranslation();
  const api = useApi();
  const refresh = useRefresh();
  const customers = useAllCustomers();
  const via = useContext(CorrectViaContext);
  const [parts, setParts] = useState(2);
  const [assign, setAssign] = useState<number[]>(() => invoice.lines.map((_, i) => Math.min(i, 1)));
  const [partCustomers, setPartCustomers] = useState<string[]>([]);
  const form = useApiForm({
    schema: apiSchema('SplitInput'),
    fields: ['parts'],
    prepare: () => ({
      parts: Array.from({ length: parts }, (_, p) => ({
        ...(partCustomers[p] ? { customerId: partCustomers[p] } : {}),
        lines: invoice.lines.filter((_, i) => assign[i] === p).map(asLineInput),
      })),
    }),
    submit: async (body) => {
      const result: CorrectionOutcome = via
        ? await via('split', body)
        : unwrap(
            await api.POST('/v1/invoices/{id}/split', {
              params: { path: { id: invoice.id } },
              body,
            }),
          );
      await refresh();
      onDone(t('invoices.dialogs.split.done', { count: result.replacements?.length ?? parts }));
    },
  });
  const partOptions = Array.from({ length: parts }, (_, p) => ({
    id: String(p),
    label: t('invoices.dialogs.split.part', { n: p + 1 }),
  }));
  return (
    <ApiForm form={form}>
      <p>{t('invoices.dialogs.split.explain')}</p>
      <OptionSelect
        name="partCount"
        label={t('invoices.dialogs.split.parts')}
        options={[2, 3, 4, 5].map((n) => ({ id: String(n), label: String(n) }))}
        value={String(parts)}
        onChange={(n) => {
          const count = Number(n);
          setParts(count);
          setAssign((a) => a.map((p) => Math.min(p, count - 1)));
        }}
      />
      {invoice.lines.map((line, i) => (
        <OptionSelect
          // Lines have no id of their own; their order is fixed on an issued invoice.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={i}
          name={`assign.${i}`}
          label={t('invoices.dialogs.split.lineTo', { line: line.description })}
          options={partOptions}
          value={String(assign[i] ?? 0)}
          onChange={(p) => setAssign((a) => a.map((v, j) => (j === i ? Number(p) : v)))}
        />
      ))}
      {partOptions.map((part, p) => (
        <OptionSelect
          key={part.id}
          name={`parts.${p}.customerId`}
          label={t('invoices.dialogs.split.customerOf', { n: p + 1 })}
          options={[
            { id: SAME, label: t('invoices.dialogs.split.sameCustomer') },
            ...(customers.data ?? []).map((c) => ({ id: c.id, label: `${c.name} · ${c.taxId}` })),
          ]}
          value={partCustomers[p] ?? SAME}
          onChange={(c) =>
            setPartCustomers((list) => {
              const next = [...list];
              next[p] = c;
              return next;
            })
          }
        />
      ))}
      <div className="form-actions">
        <Button type="submit" className="button primary" isPending={form.pending}>
          {t('invoices.dialogs.split.submit')}
        </Button>
      </div>
    </ApiForm>
  );
}

const FORMS = {
  send: SendForm,
  rectify: RectifyForm,
  cancel: CancelForm,
  split: SplitForm,
  void: VoidForm,
} as const;

/** One action on an issued invoice: its button, its dialog with what the API needs for it. */
export function InvoiceActionDialog({
  action,
  invoice,
  onDone,
  via,
}: {
  action: keyof typeof FORMS;
  invoice: Invoice;
  onDone: ActionDone;
  /** Performs the correction instead of the invoice's own route (see `CorrectVia`). */
  via?: CorrectVia;
}) {
  const { t } = useTranslation();
  const Form = FORMS[action];
  const cfdiCancel = action === 'cancel' && isMexicanInvoice(invoice);
  return (
    <ActionDialog
      closeLabel={t('invoices.dialogs.close')}
      label={t(`invoices.dialogs.${action}.action`)}
      title={cfdiCancel ? t('invoices.mexico.cancel.title') : t(`invoices.dialogs.${action}.title`)}
      buttonClassName={action === 'send' ? 'button primary' : 'button secondary'}
    >
      {(close) => (
        <CorrectViaContext.Provider value={via}>
          <Form
            invoice={invoice}
            onDone={(notice, goTo) => {
              close();
              onDone(notice, goTo);
            }}
          />
        </CorrectViaContext.Provider>
      )}
    </ActionDialog>
  );
}
