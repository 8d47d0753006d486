import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { FormAlert } from '../../ui/fields.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { INVOICES, type Invoice } from './queries.ts';

type Forwarding = NonNullable<Invoice['forwarding']>[number];
type ConnectorId = Forwarding['connector'];

/** The connectors an issued invoice may be forwarded through (the API says which one applies). */
const CONNECTORS: readonly ConnectorId[] = ['face', 'insurer-platform', 'sandbox'];

/**
 * Where an issued invoice was forwarded (one row per connector: its status, the receiver's
 * registry number, its refusal) and a "forward" action per connector.
 */
export function ForwardingPanel({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const message = useErrorMessage();
  const canForward = useCan('POST /v1/invoices/{id}/forward');
  const [pending, setPending] = useState<ConnectorId>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState('');
  const forwarding = invoice.forwarding ?? [];
  const name = (c: ConnectorId) => t(`invoices.forwarding.connectors.${c}`);
  const status = (f: Forwarding) => t(`invoices.forwarding.statuses.${f.status}`);

  const forward = async (connector: ConnectorId) => {
    setPending(connector);
    setError(undefined);
    setNotice('');
    try {
      unwrap(
        await api.POST('/v1/invoices/{id}/forward', {
          params: { path: { id: invoice.id } },
          body: { connector },
        }),
      );
      setNotice(t('invoices.forwarding.done', { connector: name(connector) }));
      await queries.invalidateQueries({ queryKey: INVOICES });
      await queries.invalidateQueries({ queryKey: ['claims'] });
    } catch (e) {
      setError(message(e));
    } finally {
      setPending(undefined);
    }
  };

  // The platform answers after the request (the connector runs in the background): while a
  // forwarding is `sending`, the invoice is read again every second.
  const sending = forwarding.some((f) => f.status === 'sending');
  useEffect(() => {
    if (!sending) return;
    const timer = setTimeout(() => {
      void queries.invalidateQueries({ queryKey: INVOICES });
    }, 1000);
    return () => clearTimeout(timer);
  });

  const heading = `forwarding-heading-${invoice.id}`;
  return (
    <section className="card forwarding" aria-labelledby={heading} data-forwarding={invoice.id}>
      <h2 id={heading}>
        {invoice.number
          ? t('invoices.forwarding.titleOf', { number: invoice.number })
          : t('invoices.forwarding.title')}
      </h2>
      <p className="notice" role="status">
        {notice}
      </p>
      {forwarding.length === 0 ? (
        <p className="hint">{t('invoices.forwarding.none')}</p>
      ) : (
        <ul className="forwarding-list">
          {forwarding.map((f) => (
            <li key={f.connector} data-connector={f.connector}>
              <strong>{name(f.connector)}</strong>{' '}
              <span className={`badge forward-${f.status}`}>{status(f)}</span>
              {f.registryNumber ? (
                <>
                  {' '}
                  <span className="mono" data-registry="">
                    {t('invoices.forwarding.registry', { number: f.registryNumber })}
                  </span>
                </>
              ) : null}
              {f.receiverStatus ? <span> · {f.receiverStatus}</span> : null}
              {f.error ? (
                <span className="reason">
                  {' '}
                  · {f.error.code}: {f.error.message}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canForward ? (
        <div className="invoice-actions">
          {CONNECTORS.map((c) => {
            const done = forwarding.find((f) => f.connector === c);
            return (
              <Button
                key={c}
                className="button secondary compact"
                isPending={pending === c}
                isDisabled={pending !== undefined && pending !== c}
                onPress={() => void forward(c)}
              >
                {t(done ? 'invoices.forwarding.again' : 'invoices.forwarding.forward', {
                  connector: name(c),
                })}
              </Button>
            );
          })}
        </div>
      ) : null}
      {error ? <FormAlert messages={[error]} /> : null}
    </section>
  );
}
