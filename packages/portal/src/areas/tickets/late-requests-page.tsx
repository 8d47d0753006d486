import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Button, FieldError, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type components, unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate, formatMoney } from '../../i18n/index.ts';
import { ActionDialog } from '../../ui/action-dialog.tsx';
import { Page } from '../../ui/page.tsx';
import { EmptyState, ErrorState, Loading, useErrorMessage } from '../../ui/states.tsx';
import { apiSchema } from './api-schema.ts';
import { saleDay } from './list-page.tsx';
import { TicketsTabs, useLanguage, useTaxIdLabel } from './parts.tsx';
import { TICKETS, type Ticket, useTickets } from './queries.ts';

type Redemption = components['schemas']['Redemption'];

/** What the last action did, shown above the queue (the row itself is gone from it). */
type Outcome =
  | { kind: 'approved'; ticket: Ticket; redemption: Redemption }
  | { kind: 'declined'; ticket: Ticket };

/** The reason, several lines, required: the buyer reads it in the mail. */
function ReasonField() {
  const { t } = useTranslation();
  return (
    <TextField className="field" name="reason" isRequired>
      <Label>{t('tickets.late.reason')}</Label>
      <TextArea className="input textarea" rows={4} />
      <Text slot="description">{t('tickets.late.reasonHint')}</Text>
      <FieldError className="field-error" />
    </TextField>
  );
}

function DeclineForm({
  ticket,
  onDone,
}: {
  ticket: Ticket;
  onDone: (ticket: Ticket) => Promise<void>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const request = ticket.lateRequest!;
  const form = useApiForm({
    schema: apiSchema('DeclineLateRequestInput'),
    fields: ['reason'],
    submit: async (body) => {
      const declined = unwrap(
        await api.POST('/v1/tickets/{id}/decline-late-request', {
          params: { path: { id: ticket.id } },
          body,
        }),
      );
      await onDone(declined);
    },
  });
  return (
    <ApiForm form={form}>
      <p>{t('tickets.late.declineExplain', { name: request.buyer.name, email: request.email })}</p>
      <ReasonField />
      <div className="form-actions">
        <Button type="submit" className="button danger" isPending={form.pending}>
          {t('tickets.late.declineSubmit')}
        </Button>
      </div>
    </ApiForm>
  );
}

function ApproveButton({
  ticket,
  onDone,
  onError,
}: {
  ticket: Ticket;
  onDone: (redemption: Redemption) => Promise<void>;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [pending, setPending] = useState(false);
  return (
    <Button
      className="button primary compact"
      aria-label={t('tickets.late.approveLabel', { reference: ticket.reference })}
      isPending={pending}
      onPress={async () => {
        setPending(true);
        try {
          const redemption = unwrap(
            await api.POST('/v1/tickets/{id}/approve-late-request', {
              params: { path: { id: ticket.id } },
            }),
          );
          await onDone(redemption);
        } catch (error) {
          onError(error);
        } finally {
          setPending(false);
        }
      }}
    >
      {t('tickets.late.approve')}
    </Button>
  );
}

function OutcomeNotice({ outcome }: { outcome: Outcome | undefined }) {
  const { t } = useTranslation();
  let content: ReactNode = '';
  if (outcome?.kind === 'approved') {
    const { redemption, ticket } = outcome;
    content = (
      <>
        {t('tickets.late.approved', {
          number: redemption.number,
          reference: ticket.reference,
          email: ticket.lateRequest?.email,
        })}{' '}
        <Link to={`/invoices/${encodeURIComponent(redemption.invoiceId)}`}>
          {t('tickets.late.openInvoice')}
        </Link>{' '}
        · <a href={redemption.documents.xml}>{t('tickets.late.xml')}</a> ·{' '}
        <a href={redemption.documents.pdf}>{t('tickets.late.pdf')}</a>
      </>
    );
  } else if (outcome?.kind === 'declined') {
    content = t('tickets.late.declined', {
      reference: outcome.ticket.reference,
      email: outcome.ticket.declinedLateRequest?.email,
    });
  }
  return (
    <p className="notice" role="status">
      {content}
    </p>
  );
}

/** The buyers' requests past the limit, each approved (invoiced to them) or declined (told why). */
export function LateRequestsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const taxId = useTaxIdLabel();
  const queries = useQueryClient();
  const message = useErrorMessage();
  const list = useTickets({ lateRequest: 'pending' });
  const canApprove = useCan('POST /v1/tickets/{id}/approve-late-request');
  const canDecline = useCan('POST /v1/tickets/{id}/decline-late-request');
  const [outcome, setOutcome] = useState<Outcome>();
  const [failure, setFailure] = useState<string>();
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => queries.invalidateQueries({ queryKey: TICKETS });
  const acting = canApprove || canDecline;
  return (
    <Page title={t('tickets.late.title')}>
      <TicketsTabs />
      <p className="hint">{t('tickets.late.intro')}</p>
      <OutcomeNotice outcome={outcome} />
      {failure ? (
        <div className="form-alert" role="alert">
          <p>{failure}</p>
        </div>
      ) : null}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : tickets.length === 0 ? (
        <EmptyState>{t('tickets.late.empty')}</EmptyState>
      ) : (
        <>
          <table className="table late-requests">
            <caption className="visually-hidden">{t('tickets.late.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tickets.late.ticket')}</th>
                <th scope="col">{t('tickets.late.buyer')}</th>
                <th scope="col" className="wide-only">
                  {t('tickets.late.requestedAt')}
                </th>
                {acting ? <th scope="col">{t('tickets.late.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket) => {
                const request = ticket.lateRequest!;
                return (
                  <tr key={ticket.id}>
                    <td>
                      <Link to={`/tickets/${encodeURIComponent(ticket.id)}`}>
                        {ticket.reference}
                      </Link>
                      <span className="hint">
                        {' '}
                        {formatDate(saleDay(ticket), language)} ·{' '}
                        {formatMoney(ticket.total, ticket.currency, language)}
                      </span>
                    </td>
                    <td>
                      {request.buyer.name}
                      <br />
                      <span className="hint">
                        {taxId} {request.buyer.taxId}
                      </span>
                      <br />
                      <span className="late-email">{request.email}</span>
                    </td>
                    <td className="wide-only">{formatDate(request.requestedAt, language)}</td>
                    {acting ? (
                      <td>
                        <div className="filter-actions">
                          {canApprove ? (
                            <ApproveButton
                              ticket={ticket}
                              onError={(error) => setFailure(message(error))}
                              onDone={async (redemption) => {
                                setFailure(undefined);
                                setOutcome({ kind: 'approved', ticket, redemption });
                                await refresh();
                              }}
                            />
                          ) : null}
                          {canDecline ? (
                            <ActionDialog
                              label={t('tickets.late.decline')}
                              title={t('tickets.late.declineTitle', {
                                reference: ticket.reference,
                              })}
                              buttonClassName="button secondary compact"
                            >
                              {(close) => (
                                <DeclineForm
                                  ticket={ticket}
                                  onDone={async (declined) => {
                                    close();
                                    setFailure(undefined);
                                    setOutcome({ kind: 'declined', ticket: declined });
                                    await refresh();
                                  }}
                                />
                              )}
                            </ActionDialog>
                          ) : null}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {list.hasNextPage ? (
            <Button
              className="button secondary"
              isPending={list.isFetchingNextPage}
              onPress={() => void list.fetchNextPage()}
            >
              {t('tickets.more')}
            </Button>
          ) : null}
        </>
      )}
    </Page>
  );
}
