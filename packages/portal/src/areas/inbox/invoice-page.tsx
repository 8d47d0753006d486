import {
  formatFacts,
  formatLabel,
  formats,
  INBOX_FORMATS,
  InboxStatusInput,
} from '@sello/contracts';
import { useEffect, useState } from 'react';
import { Button, FieldError, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { isLanguage, type Language } from '../../i18n/language.ts';
import { FormAlert } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import {
  type InboxFormat,
  type InboxInvoice,
  useInboxDocument,
  useInboxInvoice,
  useSetInboxStatus,
} from './queries.ts';
import { StatusBadge } from './status-badge.tsx';

/** The end of a downloaded file's name: the format's own extension, or `-original.xml`. */
const extensionOf = (format: InboxFormat) =>
  format === 'original' ? '-original.xml' : `.${formatFacts(format).fileExtension}`;

/** The formats this invoice can be downloaded in, as the inbox lists them, the original last. */
const formatsOf = (invoice: InboxInvoice): InboxFormat[] => {
  const listed = new Set<InboxFormat>(invoice.documents);
  const order: InboxFormat[] = [...INBOX_FORMATS, 'original'];
  return order.filter((f) => listed.has(f));
};

/** One invoice of the inbox: what it says, its documents, and accept / reject / paid. */
export function InboxInvoicePage() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'es';
  const { id = '' } = useParams();
  const query = useInboxInvoice(id);
  const invoice = query.data;
  const number = invoice?.number ?? t('inbox.draftNumber');
  return (
    <Page title={t('inbox.invoiceTitle', { number: invoice ? number : '…' })}>
      <p>
        <Link to="/inbox">{t('inbox.back')}</Link>
      </p>
      <QueryState query={query}>
        {(invoice) => (
          <div className="inbox-invoice">
            <Summary invoice={invoice} language={language} />
            <Actions invoice={invoice} />
            <Documents invoice={invoice} number={number} />
            <Lines invoice={invoice} language={language} />
            {invoice.history.length > 0 ? (
              <section className="card" aria-labelledby="inbox-history">
                <h2 id="inbox-history">{t('inbox.history')}</h2>
                <ul className="inbox-history">
                  {invoice.history.map((h) => (
                    <li key={`${h.at}-${h.status}`}>
                      {formatDate(h.at, language)} · <StatusBadge status={h.status} />
                      {h.reason ? ` · ${h.reason}` : ''}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </div>
        )}
      </QueryState>
    </Page>
  );
}

function Summary({ invoice, language }: { invoice: InboxInvoice; language: Language }) {
  const { t } = useTranslation();
  const money = (amount: string) => formatMoney(amount, invoice.currency, language);
  return (
    <section className="card" aria-labelledby="inbox-summary">
      <h2 id="inbox-summary" className="visually-hidden">
        {t('inbox.invoiceTitle', { number: invoice.number ?? '' })}
      </h2>
      <p className="inbox-badge-line">
        <StatusBadge status={invoice.status} />
      </p>
      {invoice.invoiceStatus === 'cancelled' ? (
        <p className="notice" role="status">
          {t('inbox.cancelled')}
        </p>
      ) : null}
      <dl className="inbox-facts">
        <div>
          <dt>{t('inbox.from_')}</dt>
          <dd>
            {invoice.issuer.name}
            <br />
            <span className="mono">{invoice.issuer.taxId}</span>
          </dd>
        </div>
        <div>
          <dt>{t('inbox.to_')}</dt>
          <dd>
            {invoice.customer.name}
            <br />
            <span className="mono">{invoice.customer.taxId}</span>
          </dd>
        </div>
        <div>
          <dt>{t('inbox.issueDate')}</dt>
          <dd>{formatDate(invoice.issueDate, language)}</dd>
        </div>
        {invoice.dueDate ? (
          <div>
            <dt>{t('inbox.dueDate')}</dt>
            <dd>{formatDate(invoice.dueDate, language)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('inbox.totals.total')}</dt>
          <dd className="inbox-total">{money(invoice.totals.total)}</dd>
        </div>
      </dl>
    </section>
  );
}

function Lines({ invoice, language }: { invoice: InboxInvoice; language: Language }) {
  const { t } = useTranslation();
  const money = (amount: string) => formatMoney(amount, invoice.currency, language);
  return (
    <section className="card" aria-labelledby="inbox-lines">
      <h2 id="inbox-lines">{t('inbox.lines')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('inbox.line.description')}</th>
            <th scope="col" className="amount wide-only">
              {t('inbox.line.quantity')}
            </th>
            <th scope="col" className="amount wide-only">
              {t('inbox.line.unitPrice')}
            </th>
            <th scope="col" className="amount">
              {t('inbox.line.net')}
            </th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line, i) => (
            // Lines have no id; their order is the invoice's.
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed order, never reordered
            <tr key={i}>
              <td>{line.description}</td>
              <td className="amount wide-only">{line.quantity}</td>
              <td className="amount wide-only">{money(line.unitPrice)}</td>
              <td className="amount">{money(line.net)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="inbox-totals">
        <div>
          <dt>{t('inbox.totals.net')}</dt>
          <dd>{money(invoice.totals.net)}</dd>
        </div>
        <div>
          <dt>{t('inbox.totals.tax')}</dt>
          <dd>{money(invoice.totals.tax)}</dd>
        </div>
        {invoice.totals.withheld !== '0.00' ? (
          <div>
            <dt>{t('inbox.totals.withheld')}</dt>
            <dd>{money(invoice.totals.withheld)}</dd>
          </div>
        ) : null}
        <div className="inbox-grand-total">
          <dt>{t('inbox.totals.total')}</dt>
          <dd>{money(invoice.totals.total)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The PDF shown in the page, and every format to download (fetched with the bearer token). */
function Documents({ invoice, number }: { invoice: InboxInvoice; number: string }) {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'es';
  const printed = formats.printFormat as InboxFormat;
  const message = useErrorMessage();
  const fetchDocument = useInboxDocument();
  const [pdf, setPdf] = useState<string>();
  const [busy, setBusy] = useState<InboxFormat | 'view'>();
  const [error, setError] = useState<string>();
  useEffect(() => () => (pdf ? URL.revokeObjectURL(pdf) : undefined), [pdf]);

  const run = async (what: InboxFormat | 'view', work: () => Promise<void>) => {
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
      if (pdf) {
        setPdf(undefined);
        return;
      }
      setPdf(URL.createObjectURL(await fetchDocument(invoice.id, printed)));
    });
  const download = (format: InboxFormat) =>
    run(format, async () => {
      const url = URL.createObjectURL(await fetchDocument(invoice.id, format));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${number.replace(/[^\w.-]+/g, '_')}${extensionOf(format)}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  return (
    <section className="card" aria-labelledby="inbox-documents">
      <h2 id="inbox-documents">{t('inbox.documents')}</h2>
      <FormAlert messages={error ? [error] : []} />
      <div className="inbox-buttons">
        {invoice.documents.includes(printed) ? (
          <Button
            className="button primary"
            isPending={busy === 'view'}
            onPress={() => void view()}
          >
            {pdf ? t('inbox.hidePdf') : t('inbox.viewPdf')}
          </Button>
        ) : null}
        {formatsOf(invoice).map((format) => (
          <Button
            key={format}
            className="button secondary"
            isPending={busy === format}
            onPress={() => void download(format)}
          >
            {format === 'original'
              ? t('inbox.downloadOriginal')
              : t('inbox.downloadFormat', { format: formatLabel(format, language) })}
          </Button>
        ))}
      </div>
      {pdf ? (
        <iframe className="inbox-pdf" src={pdf} title={t('inbox.pdfTitle', { number })} />
      ) : null}
    </section>
  );
}

/** received → accepted | rejected (with a reason); accepted → paid. */
function Actions({ invoice }: { invoice: InboxInvoice }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const change = useSetInboxStatus(invoice.id);
  const [rejecting, setRejecting] = useState(false);
  const [done, setDone] = useState<'accepted' | 'rejected' | 'paid'>();
  const form = useApiForm({
    schema: InboxStatusInput,
    fields: ['reason'],
    submit: async (body) => {
      await change.mutateAsync(body);
      setRejecting(false);
      setDone('rejected');
    },
  });
  const set = async (status: 'accepted' | 'paid') => {
    await change.mutateAsync({ status }).then(
      () => setDone(status),
      () => undefined,
    );
  };
  const open = invoice.invoiceStatus !== 'cancelled';
  const canDecide = open && invoice.status === 'received';
  const canPay = open && invoice.status === 'accepted';
  return (
    <section className="card" aria-labelledby="inbox-actions">
      <h2 id="inbox-actions">{t('inbox.actions')}</h2>
      <p className="notice" role="status">
        {done ? t(`inbox.done.${done}`) : null}
      </p>
      {change.isError && !rejecting ? <FormAlert messages={[message(change.error)]} /> : null}
      {canDecide && !rejecting ? (
        <div className="inbox-buttons">
          <Button
            className="button primary"
            isPending={change.isPending}
            onPress={() => void set('accepted')}
          >
            {t('inbox.accept')}
          </Button>
          <Button className="button secondary" onPress={() => setRejecting(true)}>
            {t('inbox.reject')}
          </Button>
        </div>
      ) : null}
      {canDecide && rejecting ? (
        <ApiForm form={form}>
          <input type="hidden" name="status" value="rejected" />
          <TextField className="field" name="reason" isRequired>
            <Label>{t('inbox.reason')}</Label>
            <TextArea className="input" rows={3} />
            <Text slot="description">{t('inbox.reasonHint')}</Text>
            <FieldError className="field-error" />
          </TextField>
          <div className="form-actions">
            <Button type="submit" className="button primary" isPending={form.pending}>
              {t('inbox.confirmReject')}
            </Button>
            <Button className="button secondary" onPress={() => setRejecting(false)}>
              {t('inbox.cancel')}
            </Button>
          </div>
        </ApiForm>
      ) : null}
      {canPay ? (
        <div className="inbox-buttons">
          <Button
            className="button primary"
            isPending={change.isPending}
            onPress={() => void set('paid')}
          >
            {t('inbox.markPaid')}
          </Button>
        </div>
      ) : null}
      {!canDecide && !canPay && !done ? <p>{t('inbox.noActions')}</p> : null}
    </section>
  );
}
