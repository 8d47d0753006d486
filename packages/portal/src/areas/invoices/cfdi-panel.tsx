import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { FormAlert } from '../../ui/fields.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { INVOICES, type Invoice } from './queries.ts';
import { useLanguage } from './totals.tsx';

type Cfdi = NonNullable<Invoice['cfdi']>;

/** The colours the VERI*FACTU record's states already have: in force, refused, waiting. */
const BADGE: Record<Cfdi['status'], string> = {
  stamped: 'vf-accepted',
  refused: 'vf-rejected',
  pending: '',
};

/** How a stamp's time reads: SAT's local time as the PAC gave it, without a zone to convert. */
const stampTime = (at: string, language: string) => {
  const [date = at, time = ''] = at.split('T');
  const [y, m, d] = date.split('-');
  return language === 'en' ? `${date} ${time}` : `${d}/${m}/${y} ${time}`;
};

/**
 * A Mexican invoice's CFDI: whether the PAC stamped it (its fiscal folio and time), refused it
 * (the PAC's code and message: fix, then stamp again) or was not reached (stamp again), and its
 * cancellation at SAT.
 */
export function CfdiPanel({
  invoice,
  onNotice,
}: {
  invoice: Invoice;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const canStamp = useCan('POST /v1/invoices/{id}/stamp');
  const c = (key: string, options?: Record<string, string>): string =>
    t(`invoices.mexico.cfdi.${key}` as 'invoices.mexico.cfdi.substitute', {
      uuid: '',
      ...options,
    });
  const cfdi: Cfdi = invoice.cfdi ?? { status: 'pending' };
  const cancellation = cfdi.cancellation;
  return (
    <section className="card" aria-labelledby="cfdi-heading" data-cfdi-status={cfdi.status}>
      <h2 id="cfdi-heading">{c('title')}</h2>
      <dl className="facts">
        <div>
          <dt>{c('status')}</dt>
          <dd>
            <span className={`badge cfdi-${cfdi.status} ${BADGE[cfdi.status]}`}>
              {c(cfdi.status)}
            </span>
          </dd>
        </div>
        {cfdi.uuid ? (
          <div>
            <dt>{c('uuid')}</dt>
            <dd className="mono" data-testid="cfdi-uuid">
              {cfdi.uuid}
            </dd>
          </div>
        ) : null}
        {cfdi.stampedAt ? (
          <div>
            <dt>{c('stampedAt')}</dt>
            <dd>{stampTime(cfdi.stampedAt, language)}</dd>
          </div>
        ) : null}
        {cfdi.status === 'refused' && cfdi.refusal ? (
          <div>
            <dt>{c('refusal')}</dt>
            <dd data-testid="cfdi-refusal">
              <span className="mono">{cfdi.refusal.code}</span> {cfdi.refusal.message}
            </dd>
          </div>
        ) : null}
        {cancellation ? (
          <div>
            <dt>{c('cancellation')}</dt>
            <dd data-testid="cfdi-cancellation">
              {cancellation.status === 'cancelled'
                ? c('cancelled', { reason: cancellation.reason })
                : c('cancellationPending', { reason: cancellation.reason })}
              {cancellation.substitute ? (
                <>
                  {' · '}
                  {c('substitute', { uuid: cancellation.substitute })}
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {cfdi.status === 'stamped' ? null : (
        <>
          <p className="hint">{c(cfdi.status === 'refused' ? 'refusedHint' : 'pendingHint')}</p>
          {canStamp ? <StampAgain invoice={invoice} onNotice={onNotice} /> : null}
        </>
      )}
    </section>
  );
}

/** `POST /v1/invoices/{id}/stamp`: sealed and sent to the PAC again, with the same folio. */
function StampAgain({ invoice, onNotice }: { invoice: Invoice; onNotice: (text: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const message = useErrorMessage();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const c = (key: string, options?: Record<string, string>): string =>
    t(`invoices.mexico.cfdi.${key}` as 'invoices.mexico.cfdi.substitute', {
      uuid: '',
      ...options,
    });
  return (
    <>
      <FormAlert messages={error ? [error] : []} />
      <div className="form-actions">
        <Button
          className="button primary"
          isPending={pending}
          onPress={async () => {
            setPending(true);
            setError(undefined);
            try {
              const stamped = unwrap(
                await api.POST('/v1/invoices/{id}/stamp', {
                  params: { path: { id: invoice.id } },
                }),
              );
              queries.setQueryData([...INVOICES, 'one', stamped.id], { invoice: stamped });
              onNotice(
                stamped.cfdi?.status === 'stamped'
                  ? c('stampedNotice', { uuid: stamped.cfdi.uuid ?? '' })
                  : c('stillPending'),
              );
            } catch (e) {
              // A refusal is recorded on the invoice (its code and message): show it as it is now.
              setError(e instanceof ApiError && e.status === 503 ? c('stillPending') : message(e));
            } finally {
              setPending(false);
              void queries.invalidateQueries({ queryKey: INVOICES });
            }
          }}
        >
          {c('stampAgain')}
        </Button>
      </div>
    </>
  );
}
