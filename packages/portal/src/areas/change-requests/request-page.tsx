import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, FieldError, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate, formatMoney } from '../../i18n/index.ts';
import { ActionDialog } from '../../ui/action-dialog.tsx';
import { Page } from '../../ui/page.tsx';
import { ErrorState, Loading, useErrorMessage } from '../../ui/states.tsx';
import { type CorrectVia, InvoiceActionDialog } from '../invoices/dialogs.tsx';
import { INVOICES, type Invoice, useInvoice } from '../invoices/queries.ts';
import { StatusBadge, useLanguage } from '../invoices/totals.tsx';
import { apiSchema } from './api-schema.ts';
import { RequestStatusBadge, useActorLabel } from './parts.tsx';
import { CHANGE_REQUESTS, type ChangeRequest, useChangeRequest } from './queries.ts';

/** A reason or a note, several lines. */
function LongText({
  name,
  label,
  hint,
  isRequired,
}: {
  name: string;
  label: string;
  hint?: string;
  isRequired?: boolean;
}) {
  return (
    <TextField className="field" name={name} isRequired={isRequired}>
      <Label>{label}</Label>
      <TextArea className="input textarea" rows={4} />
      {hint ? <Text slot="description">{hint}</Text> : null}
      <FieldError className="field-error" />
    </TextField>
  );
}

/** An invoice the correction made, by its number once read (its id until then). */
function MadeInvoice({ id }: { id: string }) {
  const one = useInvoice(id);
  return <Link to={`/invoices/${encodeURIComponent(id)}`}>{one.data?.invoice.number ?? id}</Link>;
}

/** Declined with a reason (mailed to the customer), or done without a new invoice. */
function OutcomeForm({
  request,
  outcome,
  onDone,
}: {
  request: ChangeRequest;
  outcome: 'declined' | 'done';
  onDone: (notice: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const declining = outcome === 'declined';
  const form = useApiForm({
    schema: apiSchema('ChangeRequestResolution'),
    fields: [declining ? 'reason' : 'note'],
    prepare: (body) => ({ ...body, outcome }),
    submit: async (body) => {
      unwrap(
        await api.POST('/v1/change-requests/{id}/resolve', {
          params: { path: { id: request.id } },
          body,
        }),
      );
      await onDone(t(declining ? 'changeRequests.decline.done' : 'changeRequests.done.done'));
    },
  });
  return (
    <ApiForm form={form}>
      {declining ? (
        <LongText
          name="reason"
          label={t('changeRequests.decline.reason')}
          hint={t('changeRequests.decline.reasonHint')}
          isRequired
        />
      ) : (
        <>
          <p>{t('changeRequests.done.explain')}</p>
          <LongText name="note" label={t('changeRequests.done.note')} />
        </>
      )}
      <div className="form-actions">
        <Button
          type="submit"
          className={declining ? 'button danger' : 'button primary'}
          isPending={form.pending}
        >
          {t(declining ? 'changeRequests.decline.submit' : 'changeRequests.done.submit')}
        </Button>
      </div>
    </ApiForm>
  );
}

/**
 * The invoice's correction forms, sending their body to the request's resolve: the API's
 * `correction.*` paths are given back as the forms' own, so errors land next to their fields.
 */
function useCorrectVia(request: ChangeRequest): CorrectVia {
  const api = useApi();
  return async (kind, body) => {
    const res = await api.POST('/v1/change-requests/{id}/resolve', {
      params: { path: { id: request.id } },
      body: { outcome: 'done', correction: { type: kind, ...body } as never },
    });
    if (res.error && res.response.status === 400) {
      const problem = res.error as ApiError['problem'] & { errors?: { path: string }[] };
      const errors = problem?.errors?.map((e) => ({
        ...e,
        path: e.path.replace(/^correction\./, ''),
      }));
      throw new ApiError(400, { ...problem!, ...(errors ? { errors } : {}) });
    }
    const { invoices } = unwrap(res);
    const original = unwrap(
      await api.GET('/v1/invoices/{id}', { params: { path: { id: request.invoiceId } } }),
    );
    return { original, corrective: invoices[0], replacements: invoices.slice(1) };
  };
}

function Actions({
  request,
  invoice,
  onDone,
}: {
  request: ChangeRequest;
  invoice: Invoice;
  onDone: (notice: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const message = useErrorMessage();
  const via = useCorrectVia(request);
  const [taking, setTaking] = useState(false);
  const [failure, setFailure] = useState<string>();
  return (
    <section className="card" aria-labelledby="resolve-heading">
      <h2 id="resolve-heading">{t('changeRequests.view.resolve')}</h2>
      <p className="hint">{t('changeRequests.view.resolveHint')}</p>
      {failure ? (
        <div className="form-alert" role="alert">
          <p>{failure}</p>
        </div>
      ) : null}
      <div className="invoice-actions">
        {request.status === 'open' ? (
          <Button
            className="button primary"
            isPending={taking}
            onPress={async () => {
              setTaking(true);
              try {
                unwrap(
                  await api.POST('/v1/change-requests/{id}/resolve', {
                    params: { path: { id: request.id } },
                    body: { outcome: 'in_progress' },
                  }),
                );
                setFailure(undefined);
                await onDone(t('changeRequests.taken'));
              } catch (error) {
                setFailure(message(error));
              } finally {
                setTaking(false);
              }
            }}
          >
            {t('changeRequests.take')}
          </Button>
        ) : null}
        {(['rectify', 'cancel', 'split'] as const).map((action) => (
          <InvoiceActionDialog
            key={action}
            action={action}
            invoice={invoice}
            via={via}
            onDone={(notice) => void onDone(t('changeRequests.resolved', { notice }))}
          />
        ))}
        {request.type === 'correctData' ? (
          <ActionDialog
            label={t('changeRequests.done.action')}
            title={t('changeRequests.done.title')}
          >
            {(close) => (
              <OutcomeForm
                request={request}
                outcome="done"
                onDone={async (notice) => {
                  close();
                  await onDone(notice);
                }}
              />
            )}
          </ActionDialog>
        ) : null}
        {request.correction ? null : (
          <ActionDialog
            label={t('changeRequests.decline.action')}
            title={t('changeRequests.decline.title')}
          >
            {(close) => (
              <OutcomeForm
                request={request}
                outcome="declined"
                onDone={async (notice) => {
                  close();
                  await onDone(notice);
                }}
              />
            )}
          </ActionDialog>
        )}
      </div>
    </section>
  );
}

/**
 * One change request (the page the support mail links to): the invoice it is about, the message
 * and its history, and what staff may do with it: take it, decline it, or do it by rectifying,
 * cancelling or splitting the invoice with the invoice page's own forms.
 */
export function ChangeRequestPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const actor = useActorLabel();
  const { id = '' } = useParams();
  const queries = useQueryClient();
  const one = useChangeRequest(id);
  const request = one.data;
  const invoiceQuery = useInvoice(request?.invoiceId ?? '', !!request);
  const invoice = request ? invoiceQuery.data?.invoice : undefined;
  const canResolve = useCan('POST /v1/change-requests/{id}/resolve');
  const [notice, setNotice] = useState('');
  const refresh = async (text: string) => {
    setNotice(text);
    await Promise.all([
      queries.invalidateQueries({ queryKey: CHANGE_REQUESTS }),
      queries.invalidateQueries({ queryKey: INVOICES }),
    ]);
  };
  const title = request
    ? t('changeRequests.view.title', {
        type: t(`changeRequests.types.${request.type}`),
        number: request.invoiceNumber,
      })
    : t('changeRequests.title');
  const pending = request && (request.status === 'open' || request.status === 'in_progress');
  return (
    <Page title={title}>
      <p>
        <Link to="/change-requests">{t('changeRequests.view.back')}</Link>
      </p>
      <p className="notice" role="status">
        {notice}
      </p>
      {one.isPending ? (
        <Loading />
      ) : one.isError || !request ? (
        <ErrorState error={one.error} onRetry={() => void one.refetch()} />
      ) : (
        <>
          <section className="card" aria-labelledby="request-heading">
            <h2 id="request-heading">{t('changeRequests.view.request')}</h2>
            <dl className="facts">
              <dt>{t('changeRequests.columns.status')}</dt>
              <dd>
                <RequestStatusBadge status={request.status} />
              </dd>
              <dt>{t('changeRequests.view.requestedBy')}</dt>
              <dd>
                {actor(request.requestedBy)} · {formatDate(request.createdAt, language)}
              </dd>
              <dt>{t('changeRequests.view.message')}</dt>
              <dd className="request-message">{request.message}</dd>
              {request.reason ? (
                <>
                  <dt>{t('changeRequests.view.reason')}</dt>
                  <dd className="request-message">{request.reason}</dd>
                </>
              ) : null}
              {request.correction?.invoiceIds.length ? (
                <>
                  <dt>{t('changeRequests.view.made')}</dt>
                  <dd>
                    <ul className="request-made">
                      {request.correction.invoiceIds.map((invoiceId) => (
                        <li key={invoiceId}>
                          <MadeInvoice id={invoiceId} />
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
          </section>
          <section className="card" aria-labelledby="invoice-heading">
            <h2 id="invoice-heading">{t('changeRequests.view.invoice')}</h2>
            {invoiceQuery.isPending ? (
              <Loading />
            ) : invoiceQuery.isError || !invoice ? (
              <ErrorState error={invoiceQuery.error} onRetry={() => void invoiceQuery.refetch()} />
            ) : (
              <dl className="facts">
                <dt>{t('changeRequests.view.invoice')}</dt>
                <dd>
                  <Link to={`/invoices/${encodeURIComponent(invoice.id)}`}>
                    {t('changeRequests.view.openInvoice', { number: invoice.number })}
                  </Link>
                </dd>
                <dt>{t('changeRequests.view.customer')}</dt>
                <dd>
                  {invoice.customer.name} · {invoice.customer.taxId}
                </dd>
                <dt>{t('changeRequests.view.total')}</dt>
                <dd>{formatMoney(invoice.totals.total, invoice.currency, language)}</dd>
                <dt>{t('changeRequests.view.invoiceStatus')}</dt>
                <dd>
                  <StatusBadge status={invoice.status} />
                </dd>
              </dl>
            )}
          </section>
          {pending && canResolve && invoice ? (
            <Actions request={request} invoice={invoice} onDone={refresh} />
          ) : null}
          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t('changeRequests.view.history')}</h2>
            <ol className="request-history">
              {request.events.map((e, i) => (
                // Events have no id; their order never changes.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <li key={i}>
                  <strong>
                    {t(`changeRequests.events.${e.type as 'created'}`, { defaultValue: e.type })}
                  </strong>{' '}
                  · {formatDate(e.at, language)} · {actor(e.by)}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </Page>
  );
}
