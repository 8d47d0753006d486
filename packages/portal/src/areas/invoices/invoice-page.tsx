import { formatLabel, formats, INVOICE_FORMATS } from '@sello/contracts';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { translateDynamic } from '../../i18n/dynamic.ts';
import { formatDate } from '../../i18n/index.ts';
import { FormAlert } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { CfdiPanel } from './cfdi-panel.tsx';
import { InvoiceActionDialog } from './dialogs.tsx';
import { InvoiceEditor } from './editor-page.tsx';
import { ForwardingPanel } from './forwarding.tsx';
import { isMexicanInvoice } from './mexico.ts';
import { PdfPreview } from './preview.tsx';
import {
  buyerAnswer,
  type DocumentFormat,
  documentFileName,
  fetchDocument,
  type Invoice,
  saveBlob,
  useInvoice,
} from './queries.ts';
import { InvoiceTotals, narrowMoney, StatusBadge, useLanguage } from './totals.tsx';
import { VerifactuPanel } from './verifactu-panel.tsx';

/**
 * The documents offered for download, from the formats' facts: a draft's preview, else every
 * format its buyer gets too (the VERI*FACTU record, the tax agency's, has its own panel). A
 * Mexican invoice's are those whose facts say apply to it: its CFDI and PDF once stamped.
 */
const downloadsOf = (invoice: Invoice): DocumentFormat[] =>
  INVOICE_FORMATS.filter((f) =>
    invoice.status === 'draft'
      ? 'preview' in f
      : 'inbox' in f &&
        (!isMexicanInvoice(invoice) ||
          // The facts' predicates read the fields the API's invoice has too.
          formats.appliesTo(f.id, invoice as unknown as Parameters<typeof formats.appliesTo>[1])),
  ).map((f) => f.id);

const CORRECTABLE: readonly Invoice['status'][] = ['issued', 'sent', 'paid'];

/** A draft opens in the editor (for those who may change it); anything else in its view. */
export function InvoicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const one = useInvoice(id);
  const canEdit = useCan('PATCH /v1/invoices/{id}');
  const invoice = one.data?.invoice;
  const title = !invoice
    ? t('invoices.title')
    : invoice.number
      ? t(invoice.corrective ? 'invoices.view.titleCorrective' : 'invoices.view.titleIssued', {
          number: invoice.number,
        })
      : `${t('invoices.editor.titleEdit')} · ${invoice.customer.name}`;
  return (
    <Page title={title}>
      <QueryState query={one}>
        {({ invoice, etag }) =>
          invoice.status === 'draft' && canEdit ? (
            <InvoiceEditor key={invoice.id} invoice={invoice} etag={etag} />
          ) : (
            <InvoiceView key={invoice.id} invoice={invoice} />
          )
        }
      </QueryState>
    </Page>
  );
}

function DownloadButton({ invoice, format }: { invoice: Invoice; format: DocumentFormat }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useApi();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const message = useErrorMessage();
  return (
    <>
      <Button
        className="button secondary compact"
        isPending={pending}
        onPress={async () => {
          setPending(true);
          setError(undefined);
          try {
            saveBlob(
              await fetchDocument(api, invoice.id, format),
              documentFileName(invoice, format),
            );
          } catch (e) {
            setError(message(e));
          } finally {
            setPending(false);
          }
        }}
      >
        {t('invoices.view.download', { format: formatLabel(format, language) })}
      </Button>
      {error ? <FormAlert messages={[error]} /> : null}
    </>
  );
}

function eventText(
  t: ReturnType<typeof useTranslation>['t'],
  event: Invoice['events'][number],
): string {
  const detail = event.detail ?? {};
  const to = Array.isArray(detail.to) ? detail.to.join(', ') : '';
  const reason = typeof detail.reason === 'string' ? detail.reason : '';
  const number = typeof detail.number === 'string' ? detail.number : '';
  const uuid = typeof detail.uuid === 'string' ? detail.uuid : '';
  const code = typeof detail.code === 'string' ? detail.code : '';
  // A forwarding names its connector as the forwarding panel does.
  const connector =
    typeof detail.connector === 'string'
      ? translateDynamic(t, `invoices.forwarding.connectors.${detail.connector}`, {
          defaultValue: detail.connector,
        })
      : '';
  const registry = typeof detail.registryNumber === 'string' ? detail.registryNumber : '';
  // A CFDI is cancelled at SAT with its reason, not by a corrective with a number.
  const type = event.type === 'cancelled' && uuid && !number ? 'cfdiCancelled' : event.type;
  const key = `invoices.events.${type}`;
  const text = translateDynamic(t, key, {
    to,
    reason,
    number,
    uuid,
    code,
    connector,
    registry,
    defaultValue: event.type,
  });
  return typeof reason === 'string' && reason && event.type.startsWith('recipient.')
    ? `${text}: ${reason}`
    : text;
}

/** An invoice that is no draft (or one this role may only read): what it says and what can be done. */
export function InvoiceView({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { state } = useLocation() as { state: { notice?: string } | null };
  // What an action here said; otherwise what the page that led here said (issued, rectified…).
  const [said, setNotice] = useState<string>();
  const notice = said ?? state?.notice ?? '';
  const can = {
    send: useCan('POST /v1/invoices/{id}/send'),
    rectify: useCan('POST /v1/invoices/{id}/rectify'),
    cancel: useCan('POST /v1/invoices/{id}/cancel'),
    split: useCan('POST /v1/invoices/{id}/split'),
    void: useCan('POST /v1/invoices/{id}/void'),
  };
  const onDone = (text: string, goTo?: string) => {
    if (goTo) navigate(goTo, { state: { notice: text } });
    else setNotice(text);
  };
  const draft = invoice.status === 'draft';
  const mexican = isMexicanInvoice(invoice);
  // A CFDI is corrected or cancelled only once stamped (it has no fiscal existence before), and
  // has no VERI*FACTU record to void.
  const correctable =
    CORRECTABLE.includes(invoice.status) && (!mexican || invoice.cfdi?.status === 'stamped');
  const cancellable = correctable && invoice.cfdi?.cancellation?.status !== 'cancelled';
  const answer = buyerAnswer(invoice);
  const lineMoney = (amount: string) => narrowMoney(amount, invoice.currency, language);
  const actions = (
    [
      ['send', !draft && invoice.status !== 'void'],
      ['rectify', correctable],
      ['cancel', cancellable],
      ['split', correctable],
      ['void', !draft && invoice.status !== 'void' && !mexican],
    ] as const
  ).filter(([action, applies]) => applies && can[action]);

  return (
    <div className="invoice-view">
      <p className="notice" role="status">
        {notice}
      </p>
      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading">{t('invoices.view.details')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('invoices.view.status')}</dt>
            <dd>
              <StatusBadge status={invoice.status} />
            </dd>
          </div>
          <div>
            <dt>{t('invoices.view.buyer')}</dt>
            <dd data-buyer-status="">
              {answer ? (
                <>
                  <span className={`badge buyer-${answer.status}`}>
                    {t(`invoices.buyer.${answer.status}` as 'invoices.buyer.accepted')}
                  </span>
                  {answer.reason ? (
                    <span className="reason">
                      {' '}
                      {t('invoices.buyer.reason', { reason: answer.reason })}
                    </span>
                  ) : null}
                </>
              ) : (
                t('invoices.buyer.none')
              )}
            </dd>
          </div>
          <div>
            <dt>{t('invoices.view.customer')}</dt>
            <dd>
              <Link to={`/customers/${encodeURIComponent(invoice.customerId)}`}>
                {invoice.customer.name}
              </Link>{' '}
              <span className="mono">{invoice.customer.taxId}</span>
            </dd>
          </div>
          <div>
            <dt>{t('invoices.view.series')}</dt>
            <dd>{invoice.series}</dd>
          </div>
          {invoice.issueDate ? (
            <div>
              <dt>{t('invoices.view.issueDate')}</dt>
              <dd>{formatDate(invoice.issueDate, language)}</dd>
            </div>
          ) : null}
        </dl>
        {invoice.corrective ? (
          <p>
            <Link to={`/invoices/${encodeURIComponent(invoice.corrective.originalId)}`}>
              {t('invoices.view.corrects', {
                number: invoice.corrective.originalNumber,
                reason: invoice.corrective.reasonDescription,
              })}
            </Link>
          </p>
        ) : null}
        {actions.length > 0 ? (
          <div className="invoice-actions">
            {actions.map(([action]) => (
              <InvoiceActionDialog key={action} action={action} invoice={invoice} onDone={onDone} />
            ))}
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t('invoices.view.documents')}</h2>
        <div className="invoice-actions">
          {downloadsOf(invoice).map((format) => (
            <DownloadButton key={format} invoice={invoice} format={format} />
          ))}
        </div>
        {mexican && !draft && invoice.cfdi?.status !== 'stamped' ? (
          <p className="hint">{t('invoices.mexico.cfdi.noDocuments')}</p>
        ) : null}
        {draft ? <PdfPreview invoice={invoice} /> : null}
      </section>

      <section className="card" aria-labelledby="lines-heading">
        <h2 id="lines-heading">{t('invoices.view.lines')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('invoices.view.description')}</th>
              <th scope="col" className="num">
                {t('invoices.view.quantity')}
              </th>
              <th scope="col" className="num wide-only">
                {t('invoices.view.unitPrice')}
              </th>
              <th scope="col" className="num wide-only">
                {t('invoices.view.discount')}
              </th>
              <th scope="col" className="wide-only">
                {t('invoices.view.taxes')}
              </th>
              <th scope="col" className="num">
                {t('invoices.view.net')}
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an invoice's lines are in a fixed order
              <tr key={i}>
                <td>{line.description}</td>
                <td className="num">
                  {line.quantity.replace('.', language === 'en' ? '.' : ',')}
                  {line.unit ? ` ${line.unit}` : ''}
                </td>
                <td className="num wide-only">{lineMoney(line.unitPrice)}</td>
                <td className="num wide-only">
                  {line.discountRate
                    ? `${line.discountRate.replace('.', language === 'en' ? '.' : ',')} %`
                    : ''}
                </td>
                <td className="wide-only">
                  {line.taxes
                    .map(
                      (tax) =>
                        `${tax.type} ${tax.rate.replace('.', language === 'en' ? '.' : ',')} %`,
                    )
                    .join(' · ')}
                </td>
                <td className="num">{lineMoney(line.net)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <InvoiceTotals invoice={invoice} />
        {invoice.notes ? (
          <>
            <h3>{t('invoices.view.notes')}</h3>
            <p>{invoice.notes}</p>
          </>
        ) : null}
      </section>

      {draft ? null : mexican ? (
        <CfdiPanel invoice={invoice} onNotice={setNotice} />
      ) : (
        <VerifactuPanel invoice={invoice} />
      )}

      {/* Connectors take Spanish e-invoices (a Facturae); a CFDI goes to SAT through its PAC. */}
      {draft || invoice.status === 'void' || mexican ? null : <ForwardingPanel invoice={invoice} />}

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('invoices.view.history')}</h2>
        <ol className="history">
          {invoice.events.map((event) => (
            <li key={`${event.at}-${event.type}`}>
              <time dateTime={event.at}>
                {new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : `${language}-ES`, {
                  dateStyle: 'short',
                  timeStyle: 'short',
                }).format(new Date(event.at))}
              </time>{' '}
              {eventText(t, event)}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
