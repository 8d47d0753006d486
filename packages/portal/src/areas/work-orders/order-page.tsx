import { WorkOrderPatch } from '@sello/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { FormAlert } from '../../ui/fields.tsx';
import { TextAreaField } from '../../ui/ops-fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { useDateTime } from '../tasks/when.ts';
import {
  NEXT,
  STATUSES,
  useWorkOrder,
  WORK_ORDERS,
  type WorkOrder,
  type WorkOrderStatus,
} from './queries.ts';

function OrderDetails({ order, etag }: { order: WorkOrder; etag: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const api = useApi();
  const queries = useQueryClient();
  const message = useErrorMessage();
  const when = useDateTime();
  const canChange = useCan('PATCH /v1/work-orders/{id}');
  const next = NEXT[order.status];
  // `created`, or the status it moved to; anything newer is shown as the API names it.
  const eventLabel = (type: string) =>
    type === 'created'
      ? t('workOrders.view.createdEvent')
      : (STATUSES as readonly string[]).includes(type)
        ? t(`workOrders.status.${type as WorkOrderStatus}`)
        : type;
  const ifMatch = etag ? { headers: { 'if-match': etag } } : {};
  const refresh = () => queries.invalidateQueries({ queryKey: WORK_ORDERS });
  const move = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/v1/work-orders/{id}', {
          params: { path: { id: order.id } },
          body: { status: next },
          ...ifMatch,
        }),
      ),
    onSettled: refresh,
  });
  const notes = useApiForm({
    schema: WorkOrderPatch,
    fields: ['notes'],
    clearable: ['notes'],
    submit: async (body) => {
      unwrap(
        await api.PATCH('/v1/work-orders/{id}', {
          params: { path: { id: order.id } },
          body,
          ...ifMatch,
        }),
      );
      await refresh();
    },
  });
  return (
    <>
      <section className="card">
        <p>
          <span className={`badge ${order.status}`}>{t(`workOrders.status.${order.status}`)}</span>
          {order.scheduledFor
            ? ` · ${t('workOrders.view.scheduledFor', { date: formatDate(order.scheduledFor, language) })}`
            : null}
        </p>
        <h2>{t('workOrders.view.customer')}</h2>
        <p>
          {order.customer.name} <span className="mono">{order.customer.taxId}</span>
          <br />
          {order.customer.address.line1}, {order.customer.address.postalCode}{' '}
          {order.customer.address.city}
        </p>
        {order.source ? (
          <p>
            <Link to={`/tasks/${encodeURIComponent(order.source.taskId)}`}>
              {t('workOrders.view.fromTask')}
            </Link>
          </p>
        ) : null}
        {canChange && next ? (
          <div className="form-actions">
            {move.isError ? <FormAlert messages={[message(move.error)]} /> : null}
            <Button
              className="button primary"
              isPending={move.isPending}
              onPress={() => move.mutate()}
            >
              {t(`workOrders.next.${next}`)}
            </Button>
          </div>
        ) : null}
        <p className="notice" role="status">
          {move.data
            ? t('workOrders.view.moved', { status: t(`workOrders.status.${move.data.status}`) })
            : null}
        </p>
      </section>
      <section className="card" aria-labelledby="jobs">
        <h2 id="jobs">{t('workOrders.view.lines')}</h2>
        <ul>
          {order.lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines have no id and never move
            <li key={i}>
              {line.quantity} {line.unit ?? ''} · {line.description}
            </li>
          ))}
        </ul>
        {order.assets.length > 0 ? (
          <>
            <h3>{t('workOrders.view.assets')}</h3>
            <ul>
              {order.assets.map((a) => (
                <li key={a.id}>
                  {a.name}
                  {a.serial ? <span className="mono"> {a.serial}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="notes">
        <h2 id="notes">{t('workOrders.view.notes')}</h2>
        {canChange ? (
          <ApiForm form={notes}>
            <TextAreaField
              name="notes"
              label={t('workOrders.view.notes')}
              defaultValue={order.notes}
            />
            <div className="form-actions">
              <Button type="submit" className="button secondary" isPending={notes.pending}>
                {t('workOrders.view.saveNotes')}
              </Button>
            </div>
          </ApiForm>
        ) : (
          <p>{order.notes ?? ''}</p>
        )}
      </section>
      <section className="card" aria-labelledby="history">
        <h2 id="history">{t('workOrders.view.history')}</h2>
        <ul>
          {order.events.map((e) => (
            <li key={`${e.at}-${e.type}`}>
              {when(e.at)} · {eventLabel(e.type)}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function WorkOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const one = useWorkOrder(id);
  const { state } = useLocation() as { state: { created?: boolean } | null };
  return (
    <Page title={one.data ? one.data.order.customer.name : t('workOrders.title')}>
      <p className="notice" role="status">
        {state?.created ? t('workOrders.created') : null}
      </p>
      <QueryState query={one}>
        {(found) => (
          <OrderDetails key={found.order.version} order={found.order} etag={found.etag} />
        )}
      </QueryState>
    </Page>
  );
}
