import type { InvoiceInput, InvoicePatch } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import {
  type ComponentProps,
  lazy,
  Suspense,
  useDeferredValue,
  useEffect,
  useRef,
  useState,
} from 'react';
import {
  Button,
  FieldError,
  Form,
  Input,
  Label,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type * as z from 'zod';
import { ApiError, unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { loadValidation } from '../../forms/use-form.ts';
import { zodProblems } from '../../forms/values.ts';
import type { Language } from '../../i18n/index.ts';
import { DeferredOptionSelect } from '../../ui/deferred-option-select.tsx';
import { FormAlert } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { EmptyState, ErrorState, Loading, useErrorMessage } from '../../ui/states.tsx';
import { CFDI_USES } from '../self-invoicing/sat.ts';
import { decimalFromInput, decimalToInput } from './decimal.ts';
import {
  emptyLine,
  emptyMexicanLine,
  type LineDraft,
  lineFieldNames,
  lineFromInvoice,
  lineToBody,
  placeProblems,
} from './line-drafts.ts';
import { LinesEditor } from './lines.tsx';
import { isMexicanInvoice, useTenantCountry } from './mexico.ts';
import { PdfPreview } from './preview.tsx';
import { INVOICES, type Invoice, useAllCustomers, useProducts, useSeries } from './queries.ts';
import { InvoiceTotals, useLanguage } from './totals.tsx';

/**
 * React Aria's modal (≈20 KB gzipped with its overlays) comes with a saved draft, whose issue and
 * delete buttons open it, not with a new one; meanwhile the button is drawn, disabled.
 */
const LazyActionDialog = lazy(async () => ({
  default: (await import('../../ui/action-dialog.tsx')).ActionDialog,
}));

function ActionDialog(props: ComponentProps<typeof LazyActionDialog>) {
  return (
    <Suspense
      fallback={
        <button type="button" className={props.buttonClassName ?? 'button secondary'} disabled>
          {props.label}
        </button>
      }
    >
      <LazyActionDialog {...props} />
    </Suspense>
  );
}

/** The draft's schemas (and zod) come with the first edit or save, not with the page. */
const loadSchemas = () => import('./schemas.ts');

const DEFAULT_SERIES = '';
/** The API picks the use from the customer's régimen (G03, else S01). */
const DEFAULT_USE = '';
/** A Mexican tenant's accounting currency, and those its invoices are most often in. */
const MXN = 'MXN';
const CURRENCIES = [MXN, 'USD', 'EUR', 'CAD', 'GBP', 'JPY'];

interface DraftState {
  customerId: string | null;
  series: string;
  issueDate: string;
  /** Only a date the user set is sent: sending one fixes it, where by default the API dates the
   * invoice on the day it is issued. */
  issueDateChanged: boolean;
  notes: string;
  lines: LineDraft[];
  /** A Mexican invoice's money and its buyer's use of the CFDI. */
  currency: string;
  exchangeRate: string;
  cfdiUse: string;
}

/**
 * The draft editor: customer, series, date, lines (from the catalog or typed), notes. Saving
 * creates or changes the draft and shows back what the API computed (each line's amount, the
 * breakdown, the totals) and its PDF preview; nothing is summed in the browser.
 */
export function InvoiceEditor({ invoice, etag }: { invoice?: Invoice; etag?: string | undefined }) {
  const { tenant, mexico } = useTenantCountry();
  // A new draft follows the tenant's rules; a saved one those of the issuer frozen on it.
  if (invoice)
    return <DraftEditor invoice={invoice} etag={etag} mexico={isMexicanInvoice(invoice)} />;
  if (tenant.isPending) return <Loading />;
  return <DraftEditor mexico={mexico} />;
}

function DraftEditor({
  invoice,
  etag,
  mexico,
}: {
  invoice?: Invoice;
  etag?: string | undefined;
  /** A Mexican issuer's draft: CFDI use, currency and exchange rate, Mexican taxes and SAT keys. */
  mexico: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const { state: navState } = useLocation() as { state: { saved?: boolean } | null };
  const customers = useAllCustomers();
  const products = useProducts();
  const series = useSeries();
  const canIssue = useCan('POST /v1/invoices/{id}/issue');
  const canDelete = useCan('DELETE /v1/invoices/{id}');

  const fromInvoice = (i?: Invoice): DraftState => ({
    customerId: i?.customerId ?? null,
    series: i?.series ?? DEFAULT_SERIES,
    issueDate: i?.issueDate ?? '',
    issueDateChanged: false,
    notes: i?.notes ?? '',
    lines: i
      ? i.lines.map((l) => lineFromInvoice(l, language, mexico))
      : [mexico ? emptyMexicanLine() : emptyLine()],
    currency: i?.currency ?? MXN,
    exchangeRate: decimalToInput(i?.exchangeRate, language),
    cfdiUse: i?.cfdiUse ?? DEFAULT_USE,
  });
  const [draft, setDraft] = useState<DraftState>(() => fromInvoice(invoice));
  const [dirty, setDirty] = useState(!invoice);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alerts, setAlerts] = useState<string[]>([]);
  const [notice, setNotice] = useState<string>(navState?.saved ? t('invoices.editor.saved') : '');
  const [pending, setPending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (attempt > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const warmUp = () => {
    void loadValidation();
    void loadSchemas();
  };
  const change = (next: Partial<DraftState>, fields: string[] = []) => {
    warmUp();
    setDraft((d) => ({ ...d, ...next }));
    setDirty(true);
    setNotice('');
    if (fields.length > 0)
      setErrors((current) =>
        Object.fromEntries(Object.entries(current).filter(([k]) => !fields.includes(k))),
      );
  };
  const changeLines = (lines: LineDraft[]) => {
    warmUp();
    // A line's errors go once it is edited; positions may shift, so all line errors go.
    setDraft((d) => ({ ...d, lines }));
    setDirty(true);
    setNotice('');
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([k]) => !k.startsWith('lines.'))),
    );
  };

  const fields = [
    'customerId',
    'series',
    'issueDate',
    'notes',
    ...(mexico ? ['cfdiUse', 'currency', 'exchangeRate'] : []),
    ...lineFieldNames('lines', draft.lines.length, mexico),
  ];
  const show = (problems: { path: string; message: string }[], fallback: string[] = []) => {
    const { byField, unplaced } = placeProblems(problems, fields);
    setErrors(byField);
    setAlerts([
      ...(Object.keys(byField).length > 0 ? [t('form.fixErrors')] : []),
      ...unplaced.map((p) => (p.path === 'body' ? p.message : `${p.path}: ${p.message}`)),
      ...fallback,
    ]);
    setAttempt((n) => n + 1);
  };

  const save = async () => {
    const body: Record<string, unknown> = {
      ...(draft.customerId ? { customerId: draft.customerId } : {}),
      ...(draft.series ? { series: draft.series } : {}),
      ...(draft.issueDate && draft.issueDateChanged ? { issueDate: draft.issueDate } : {}),
      ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
      ...(mexico ? mexicanTerms(draft, !invoice, language) : {}),
      lines: draft.lines.map((l) => lineToBody(l, products.data ?? [], language)),
    };
    const [{ zodIn }, schemas] = await Promise.all([loadValidation(), loadSchemas()]);
    zodIn(language);
    const parsed = (invoice ? schemas.InvoicePatch : schemas.InvoiceInput).safeParse(body);
    if (!parsed.success) {
      show(zodProblems(parsed.error, body, t('form.required')));
      return;
    }
    setPending(true);
    try {
      if (!invoice) {
        const result = await api.POST('/v1/invoices', {
          body: parsed.data as z.output<typeof InvoiceInput>,
        });
        const created = unwrap(result);
        queries.setQueryData([...INVOICES, 'one', created.id], {
          invoice: created,
          etag: result.response.headers.get('etag') ?? undefined,
        });
        await queries.invalidateQueries({ queryKey: [...INVOICES, 'list'] });
        navigate(`/invoices/${encodeURIComponent(created.id)}`, {
          replace: true,
          state: { saved: true },
        });
        return;
      }
      const result = await api.PATCH('/v1/invoices/{id}', {
        params: { path: { id: invoice.id } },
        body: parsed.data as z.output<typeof InvoicePatch>,
        ...(etag ? { headers: { 'if-match': etag } } : {}),
      });
      const updated = unwrap(result);
      queries.setQueryData([...INVOICES, 'one', updated.id], {
        invoice: updated,
        etag: result.response.headers.get('etag') ?? undefined,
      });
      await queries.invalidateQueries({ queryKey: [...INVOICES, 'list'] });
      setDraft(fromInvoice(updated));
      setDirty(false);
      setErrors({});
      setAlerts([]);
      setNotice(t('invoices.editor.saved'));
    } catch (error) {
      const problems = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
      show(problems, problems.length > 0 ? [] : [message(error)]);
    } finally {
      setPending(false);
    }
  };

  // Drawn in a transition once its lists are in: short tasks, the page stays responsive.
  const ready = !customers.isPending && !products.isPending;
  const readyShown = useDeferredValue(ready);
  if (customers.isPending || products.isPending || !readyShown) return <Loading />;
  if (customers.isError)
    return <ErrorState error={customers.error} onRetry={() => void customers.refetch()} />;
  if (products.isError)
    return <ErrorState error={products.error} onRetry={() => void products.refetch()} />;
  if (customers.data.length === 0)
    return (
      <EmptyState
        action={
          <Link className="button secondary" to="/customers/new">
            {t('invoices.editor.createCustomer')}
          </Link>
        }
      >
        {t('invoices.editor.noCustomers')}
      </EmptyState>
    );

  const seriesOptions = [
    { id: DEFAULT_SERIES, label: t('invoices.editor.defaultSeries') },
    ...(series.data ?? [])
      .filter((s) => s.kind === 'standard')
      .map((s) => ({ id: s.code, label: s.prefix ? `${s.code} (${s.prefix})` : s.code })),
  ];
  if (!seriesOptions.some((o) => o.id === draft.series))
    seriesOptions.push({ id: draft.series, label: draft.series });
  const saved = invoice && !dirty ? invoice : undefined;

  return (
    <div className="editor-layout">
      <section className="card editor-form" aria-labelledby="editor-heading">
        <h2 id="editor-heading" className="visually-hidden">
          {t('invoices.editor.lines')}
        </h2>
        <FormAlert messages={alerts} />
        <Form
          ref={form}
          validationBehavior="aria"
          validationErrors={errors}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="form wide">
            <DeferredOptionSelect
              name="customerId"
              label={t('invoices.editor.customer')}
              placeholder={t('invoices.editor.chooseCustomer')}
              options={customers.data.map((c) => ({ id: c.id, label: `${c.name} · ${c.taxId}` }))}
              value={draft.customerId}
              onChange={(customerId) => change({ customerId }, ['customerId'])}
              isRequired
            />
            <div className="field-row">
              <DeferredOptionSelect
                name="series"
                label={t('invoices.editor.series')}
                options={seriesOptions}
                value={draft.series}
                onChange={(s) => change({ series: s }, ['series'])}
              />
              <TextField
                className="field"
                name="issueDate"
                type="date"
                value={draft.issueDate}
                onChange={(issueDate) =>
                  change({ issueDate, issueDateChanged: true }, ['issueDate'])
                }
              >
                <Label>
                  {t('invoices.editor.issueDate')}{' '}
                  <span className="optional">{t('form.optional')}</span>
                </Label>
                <Input className="input" />
                <Text slot="description">{t('invoices.editor.issueDateHint')}</Text>
                <FieldError className="field-error" />
              </TextField>
            </div>
            {mexico ? (
              <MexicanTerms
                draft={draft}
                fixedCurrency={invoice !== undefined}
                onChange={(next, field) => change(next, [field])}
              />
            ) : null}
            <h3 className="section-title">{t('invoices.editor.lines')}</h3>
            <LinesEditor
              prefix="lines"
              lines={draft.lines}
              onChange={changeLines}
              products={products.data}
              nets={saved?.lines.map((l) => l.net)}
              mexico={mexico}
              {...(mexico ? { currency: draft.currency } : {})}
            />
            <TextField
              className="field"
              name="notes"
              value={draft.notes}
              onChange={(notes) => change({ notes }, ['notes'])}
            >
              <Label>
                {t('invoices.editor.notes')} <span className="optional">{t('form.optional')}</span>
              </Label>
              <TextArea className="input" rows={3} />
              <FieldError className="field-error" />
            </TextField>
            <div className="form-actions">
              <Button type="submit" className="button primary" isPending={pending}>
                {pending ? t('invoices.editor.saving') : t('invoices.editor.save')}
              </Button>
              <Link className="button secondary" to="/invoices">
                {t('form.cancel')}
              </Link>
            </div>
          </div>
        </Form>
      </section>
      <aside className="editor-side" aria-label={t('invoices.editor.totals')}>
        <section className="card">
          <h2>{t('invoices.editor.totals')}</h2>
          <p className="notice" role="status">
            {notice}
          </p>
          {saved ? (
            <>
              <InvoiceTotals invoice={saved} />
              <p className="hint">{t('invoices.editor.totalsHint')}</p>
            </>
          ) : (
            <p className="hint">
              {invoice ? t('invoices.editor.unsaved') : t('invoices.editor.noTotals')}
            </p>
          )}
          {invoice && !dirty ? (
            <div className="form-actions">
              {canIssue ? <IssueButton invoice={invoice} /> : null}
              {canDelete ? <DeleteButton invoice={invoice} etag={etag} /> : null}
            </div>
          ) : null}
        </section>
        <section className="card">
          <h2>{t('invoices.editor.preview')}</h2>
          {invoice ? (
            <PdfPreview invoice={invoice} />
          ) : (
            <p className="hint">{t('invoices.editor.previewEmpty')}</p>
          )}
        </section>
      </aside>
    </div>
  );
}

/**
 * A Mexican draft's terms as the API's body: the currency on creation only (a draft keeps it),
 * its exchange rate when not in pesos, and the buyer's use of the CFDI when one was chosen.
 */
function mexicanTerms(draft: DraftState, creating: boolean, language: Language) {
  const rate = draft.exchangeRate.trim();
  return {
    ...(creating ? { currency: draft.currency } : {}),
    ...(draft.currency !== MXN && rate ? { exchangeRate: decimalFromInput(rate, language) } : {}),
    ...(draft.cfdiUse ? { cfdiUse: draft.cfdiUse } : {}),
  };
}

/** The buyer's use of the CFDI (the API checks it against their régimen), currency and rate. */
function MexicanTerms({
  draft,
  fixedCurrency,
  onChange,
}: {
  draft: DraftState;
  /** A saved draft keeps the currency it was created in. */
  fixedCurrency: boolean;
  onChange: (next: Partial<DraftState>, field: string) => void;
}) {
  const { t } = useTranslation();
  const m = (key: string, options?: { currency: string }) =>
    t(
      `invoices.mexico.${key}` as 'invoices.mexico.exchangeRateHint',
      options as { currency: string },
    );
  return (
    <>
      <DeferredOptionSelect
        name="cfdiUse"
        label={m('cfdiUse')}
        description={m('cfdiUseHint')}
        options={[
          { id: DEFAULT_USE, label: m('cfdiUseDefault') },
          ...CFDI_USES.map(([code, name]) => ({ id: code, label: `${code} · ${name}` })),
        ]}
        value={draft.cfdiUse}
        onChange={(cfdiUse) => onChange({ cfdiUse }, 'cfdiUse')}
      />
      <div className="field-row">
        {fixedCurrency ? (
          <p className="field" data-currency="">
            {m('currencyFixed', { currency: draft.currency })}
          </p>
        ) : (
          <DeferredOptionSelect
            name="currency"
            label={m('currency')}
            options={(CURRENCIES.includes(draft.currency)
              ? CURRENCIES
              : [...CURRENCIES, draft.currency]
            ).map((id) => ({ id, label: id }))}
            value={draft.currency}
            onChange={(currency) => onChange({ currency }, 'currency')}
          />
        )}
        {draft.currency === MXN ? null : (
          <TextField
            className="field"
            name="exchangeRate"
            value={draft.exchangeRate}
            onChange={(exchangeRate) => onChange({ exchangeRate }, 'exchangeRate')}
            inputMode="decimal"
            isRequired
          >
            <Label>{m('exchangeRate')}</Label>
            <Input className="input" />
            <Text slot="description">{m('exchangeRateHint', { currency: draft.currency })}</Text>
            <FieldError className="field-error" />
          </TextField>
        )}
      </div>
    </>
  );
}

function IssueButton({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  return (
    <ActionDialog
      closeLabel={t('invoices.dialogs.close')}
      label={t('invoices.editor.issue')}
      title={t('invoices.editor.issue')}
      buttonClassName="button primary"
    >
      {(close) => (
        <>
          <p>{t('invoices.editor.issueConfirm')}</p>
          <FormAlert messages={error ? [error] : []} />
          <div className="form-actions">
            <Button
              className="button primary"
              isPending={pending}
              onPress={async () => {
                setPending(true);
                try {
                  const issued = unwrap(
                    await api.POST('/v1/invoices/{id}/issue', {
                      params: { path: { id: invoice.id } },
                    }),
                  );
                  queries.setQueryData([...INVOICES, 'one', issued.id], { invoice: issued });
                  close();
                  navigate(`/invoices/${encodeURIComponent(issued.id)}`, {
                    replace: true,
                    state: { notice: t('invoices.editor.issued', { number: issued.number }) },
                  });
                  void queries.invalidateQueries({ queryKey: [...INVOICES, 'list'] });
                } catch (e) {
                  setError(message(e));
                } finally {
                  setPending(false);
                }
              }}
            >
              {t('invoices.editor.issue')}
            </Button>
          </div>
        </>
      )}
    </ActionDialog>
  );
}

function DeleteButton({ invoice, etag }: { invoice: Invoice; etag: string | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const [error, setError] = useState<string>();
  return (
    <ActionDialog
      closeLabel={t('invoices.dialogs.close')}
      label={t('invoices.editor.delete')}
      title={t('invoices.editor.delete')}
    >
      {(close) => (
        <>
          <p>{t('invoices.editor.deleteConfirm')}</p>
          <FormAlert messages={error ? [error] : []} />
          <div className="form-actions">
            <Button
              className="button danger"
              onPress={async () => {
                try {
                  unwrap(
                    await api.DELETE('/v1/invoices/{id}', {
                      params: { path: { id: invoice.id } },
                      ...(etag ? { headers: { 'if-match': etag } } : {}),
                    }),
                  );
                  await queries.invalidateQueries({ queryKey: [...INVOICES, 'list'] });
                  close();
                  // Its cached copy is left to expire: removed while this page still shows, it
                  // would be asked for again, and answer 404.
                  navigate('/invoices', { state: { notice: t('invoices.editor.deleted') } });
                } catch (e) {
                  setError(message(e));
                }
              }}
            >
              {t('invoices.editor.delete')}
            </Button>
          </div>
        </>
      )}
    </ActionDialog>
  );
}

export function NewInvoicePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('invoices.editor.titleNew')}>
      <InvoiceEditor />
    </Page>
  );
}
