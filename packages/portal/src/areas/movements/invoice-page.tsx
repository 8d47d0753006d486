import {
  ChangeRequestInput,
  type FormatId,
  formatFacts,
  formats,
  PortalDraftCorrection,
} from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button, FieldError, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { isLanguage, type Language } from '../../i18n/language.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { FieldGroup, FormAlert, TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import {
  type DocumentFormat,
  MOVEMENTS,
  type PortalInvoice,
  useDocument,
  useIssue,
  useMyChangeRequests,
  useMyInvoice,
} from './queries.ts';

const FIELDS = [
  'concept',
  'buyer.name',
  'buyer.address.line1',
  'buyer.address.line2',
  'buyer.address.postalCode',
  'buyer.address.city',
  'buyer.address.province',
  'buyer.address.country',
] as const;

/** The printed invoice, and the legal XML original of the issuer's country (formats' facts). */
const PRINTED = formats.printFormat as FormatId;
const xmlOf = (invoice: PortalInvoice): DocumentFormat | undefined =>
  formats.originalIn(invoice.issuer.address.country) as FormatId | undefined;

const fileName = (invoice: PortalInvoice, format: DocumentFormat) =>
  `${(invoice.number ?? 'borrador').replace(/[^\w.-]+/g, '_')}.${formatFacts(format).fileExtension}`;

/**
 * One of the recipient's invoices at a supplier. A draft it made: preview, correct its fiscal
 * data, issue. Issued: download the PDF and the XML.
 */
export function MyInvoicePage() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'es';
  const { tenantId = '', id = '' } = useParams();
  const query = useMyInvoice(tenantId, id);
  const invoice = query.data?.invoice;
  const title = !invoice
    ? t('movements.invoiceTitle', { number: '…' })
    : invoice.number
      ? t('movements.invoiceTitle', { number: invoice.number })
      : t('movements.draftTitle');
  return (
    <Page title={title}>
      <p>
        <Link to={`/movements/${encodeURIComponent(tenantId)}`}>{t('movements.back')}</Link>
      </p>
      <QueryState query={query}>
        {({ invoice, etag }) => (
          <div className="inbox-invoice">
            <Summary invoice={invoice} language={language} />
            <Documents tenantId={tenantId} invoice={invoice} />
            {invoice.status === 'draft' ? (
              <>
                <Issue tenantId={tenantId} invoice={invoice} />
                <Correct tenantId={tenantId} invoice={invoice} etag={etag} />
              </>
            ) : (
              <Changes tenantId={tenantId} invoice={invoice} language={language} />
            )}
            <Lines invoice={invoice} language={language} />
          </div>
        )}
      </QueryState>
    </Page>
  );
}

function Summary({ invoice, language }: { invoice: PortalInvoice; language: Language }) {
  const { t } = useTranslation();
  const money = (amount: string) => formatMoney(amount, invoice.currency, language);
  const a = invoice.customer.address;
  return (
    <section className="card" aria-labelledby="my-invoice-summary">
      <h2 id="my-invoice-summary">{t('movements.summary')}</h2>
      <p className="inbox-badge-line">
        <span className="badge">{t(`movements.statuses.${invoice.status}`)}</span>
      </p>
      <dl className="inbox-facts">
        <div>
          <dt>{t('movements.issuer')}</dt>
          <dd>
            {invoice.issuer.name}
            <br />
            <span className="mono">{invoice.issuer.taxId}</span>
          </dd>
        </div>
        <div>
          <dt>{t('movements.buyer')}</dt>
          <dd data-buyer>
            {invoice.customer.name}
            <br />
            <span className="mono">{invoice.customer.taxId}</span>
            <br />
            {[a.line1, a.line2, `${a.postalCode} ${a.city}`, a.province, a.country]
              .filter(Boolean)
              .join(', ')}
          </dd>
        </div>
        {invoice.issueDate ? (
          <div>
            <dt>{t('movements.issueDate')}</dt>
            <dd>{formatDate(invoice.issueDate, language)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('movements.card.net')}</dt>
          <dd>{money(invoice.totals.net)}</dd>
        </div>
        <div>
          <dt>{t('movements.card.tax')}</dt>
          <dd>{money(invoice.totals.tax)}</dd>
        </div>
        <div>
          <dt>{t('movements.card.total')}</dt>
          <dd className="inbox-total">{money(invoice.totals.total)}</dd>
        </div>
      </dl>
    </section>
  );
}

function Lines({ invoice, language }: { invoice: PortalInvoice; language: Language }) {
  const { t } = useTranslation();
  const money = (amount: string) => formatMoney(amount, invoice.currency, language);
  return (
    <section className="card" aria-labelledby="my-invoice-lines">
      <h2 id="my-invoice-lines">{t('movements.lines')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('movements.line.description')}</th>
            <th scope="col" className="amount">
              {t('movements.line.net')}
            </th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id; their order is fixed
            <tr key={i}>
              <td>{line.description}</td>
              <td className="amount">{money(line.net)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A draft's PDF preview in the page; an issued invoice's PDF and XML to download. */
function Documents({ tenantId, invoice }: { tenantId: string; invoice: PortalInvoice }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const fetchDocument = useDocument(tenantId);
  const [pdf, setPdf] = useState<string>();
  const [busy, setBusy] = useState<DocumentFormat | 'view'>();
  const [error, setError] = useState<string>();
  const draft = invoice.status === 'draft';
  useEffect(() => () => (pdf ? URL.revokeObjectURL(pdf) : undefined), [pdf]);
  // A corrected draft's preview is drawn again when asked.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version hides the old preview
  useEffect(() => setPdf(undefined), [invoice.version]);

  const run = async (what: DocumentFormat | 'view', work: () => Promise<void>) => {
    setBusy(what);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(undefined);
    }
  };
  const view = () =>
    run('view', async () => {
      if (pdf) return setPdf(undefined);
      setPdf(URL.createObjectURL(await fetchDocument(invoice.id, PRINTED)));
    });
  const download = (format: DocumentFormat) =>
    run(format, async () => {
      const url = URL.createObjectURL(await fetchDocument(invoice.id, format));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName(invoice, format);
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  const number = invoice.number ?? t('movements.draft');
  return (
    <section className="card" aria-labelledby="my-invoice-documents">
      <h2 id="my-invoice-documents">{t('movements.documents')}</h2>
      <FormAlert messages={error ? [error] : []} />
      <div className="inbox-buttons">
        <Button className="button primary" isPending={busy === 'view'} onPress={() => void view()}>
          {pdf
            ? t('movements.hidePdf')
            : draft
              ? t('movements.previewPdf')
              : t('movements.viewPdf')}
        </Button>
        {draft
          ? null
          : [PRINTED, xmlOf(invoice)]
              .filter((f): f is DocumentFormat => !!f)
              .map((format) => (
                <Button
                  key={format}
                  className="button secondary"
                  isPending={busy === format}
                  onPress={() => void download(format)}
                >
                  {format === PRINTED
                    ? t('movements.downloadPrinted', { format: formatFacts(format).name })
                    : t('movements.downloadXml', { format: formatFacts(format).name })}
                </Button>
              ))}
      </div>
      {pdf ? (
        <iframe className="inbox-pdf" src={pdf} title={t('movements.pdfTitle', { number })} />
      ) : null}
    </section>
  );
}

function Issue({ tenantId, invoice }: { tenantId: string; invoice: PortalInvoice }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const issue = useIssue(tenantId, invoice.id);
  return (
    <section className="card" aria-labelledby="my-invoice-issue">
      <h2 id="my-invoice-issue">{t('movements.issueTitle')}</h2>
      <p>{t('movements.issueHint')}</p>
      {issue.isError ? <FormAlert messages={[message(issue.error)]} /> : null}
      <Button
        className="button primary"
        isPending={issue.isPending}
        onPress={() => void issue.mutateAsync().catch(() => undefined)}
      >
        {t('movements.issue')}
      </Button>
    </section>
  );
}

/** The buyer's fiscal data, corrected on the supplier's record of it and on this draft. */
function Correct({
  tenantId,
  invoice,
  etag,
}: {
  tenantId: string;
  invoice: PortalInvoice;
  etag: string | undefined;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useApiForm({
    schema: PortalDraftCorrection,
    fields: FIELDS,
    submit: async (body) => {
      setSaved(false);
      unwrap(
        await api.PATCH('/v1/recipients/me/suppliers/{tenantId}/invoices/{id}', {
          params: { path: { tenantId, id: invoice.id } },
          body,
          ...(etag ? { headers: { 'if-match': etag } } : {}),
        }),
      );
      await queries.invalidateQueries({ queryKey: [...MOVEMENTS, tenantId] });
      setSaved(true);
    },
  });
  const c = invoice.customer;
  return (
    <section className="card" aria-labelledby="my-invoice-correct">
      <h2 id="my-invoice-correct">{t('movements.correctTitle')}</h2>
      <p>{t('movements.correctHint', { taxId: c.taxId })}</p>
      <p className="notice" role="status">
        {saved ? t('movements.corrected') : null}
      </p>
      <ApiForm form={form}>
        <TextInput
          name="concept"
          label={t('movements.fields.concept')}
          description={t('movements.fields.conceptHint')}
        />
        <TextInput
          name="buyer.name"
          label={t('movements.fields.name')}
          isRequired
          defaultValue={c.name}
        />
        <FieldGroup legend={t('movements.fields.address')}>
          <TextInput
            name="buyer.address.line1"
            label={t('movements.fields.line1')}
            isRequired
            defaultValue={c.address.line1}
          />
          <TextInput
            name="buyer.address.line2"
            label={t('movements.fields.line2')}
            defaultValue={c.address.line2}
          />
          <div className="field-row">
            <TextInput
              name="buyer.address.postalCode"
              label={t('movements.fields.postalCode')}
              isRequired
              defaultValue={c.address.postalCode}
              className="short"
            />
            <TextInput
              name="buyer.address.city"
              label={t('movements.fields.city')}
              isRequired
              defaultValue={c.address.city}
            />
          </div>
          <div className="field-row">
            <TextInput
              name="buyer.address.province"
              label={t('movements.fields.province')}
              defaultValue={c.address.province}
            />
            <TextInput
              name="buyer.address.country"
              label={t('movements.fields.country')}
              isRequired
              defaultValue={c.address.country}
              className="short"
            />
          </div>
        </FieldGroup>
        <div className="form-actions">
          <Button type="submit" className="button secondary" isPending={form.pending}>
            {t('movements.saveCorrection')}
          </Button>
        </div>
      </ApiForm>
    </section>
  );
}

const CHANGE_TYPES = ['correctData', 'cancel', 'split'] as const;

/** An issued invoice: ask the supplier for a change, and follow the requests made. */
function Changes({
  tenantId,
  invoice,
  language,
}: {
  tenantId: string;
  invoice: PortalInvoice;
  language: Language;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const requests = useMyChangeRequests(tenantId, invoice.id);
  const [asked, setAsked] = useState(false);
  // A new form after each request: the message typed is gone, the request is in the list.
  const [round, setRound] = useState(0);
  const form = useApiForm({
    schema: ChangeRequestInput,
    fields: ['type', 'message'],
    submit: async (body) => {
      setAsked(false);
      unwrap(
        await api.POST('/v1/recipients/me/suppliers/{tenantId}/invoices/{id}/change-requests', {
          params: { path: { tenantId, id: invoice.id } },
          body,
        }),
      );
      await queries.invalidateQueries({
        queryKey: [...MOVEMENTS, tenantId, 'invoice', invoice.id],
      });
      setAsked(true);
      setRound((n) => n + 1);
    },
  });
  return (
    <section className="card" aria-labelledby="my-invoice-changes">
      <h2 id="my-invoice-changes">{t('movements.changes.title')}</h2>
      <QueryState query={requests}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('movements.changes.none')}</p>
          ) : (
            <ul className="request-history">
              {list.map((r) => (
                <li key={r.id} data-change-request={r.id}>
                  <strong>{t(`movements.changes.types.${r.type}`)}</strong> ·{' '}
                  <span className="badge">{t(`movements.changes.statuses.${r.status}`)}</span> ·{' '}
                  {formatDate(r.createdAt, language)}
                  <br />
                  <span className="request-message">{r.message}</span>
                  {r.reason ? (
                    <>
                      <br />
                      {t('movements.changes.reason', { reason: r.reason })}
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <p className="notice" role="status">
        {asked ? t('movements.changes.asked') : null}
      </p>
      <ApiForm form={form} key={round}>
        <ChoiceField
          name="type"
          label={t('movements.changes.type')}
          defaultValue="correctData"
          options={CHANGE_TYPES.map((type) => ({
            id: type,
            label: t(`movements.changes.types.${type}`),
          }))}
        />
        <TextField className="field" name="message" isRequired>
          <Label>{t('movements.changes.message')}</Label>
          <TextArea className="input" rows={3} />
          <Text slot="description">{t('movements.changes.messageHint')}</Text>
          <FieldError className="field-error" />
        </TextField>
        <div className="form-actions">
          <Button type="submit" className="button secondary" isPending={form.pending}>
            {t('movements.changes.ask')}
          </Button>
        </div>
      </ApiForm>
    </section>
  );
}
