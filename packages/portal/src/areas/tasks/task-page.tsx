import { type FormatId, formatFacts, formatLabel, formats } from '@sello/contracts';
import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { formatMoney } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { FormAlert } from '../../ui/fields.tsx';
import { ConfirmButton } from '../../ui/ops-fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { InvoiceDownload } from './download.tsx';
import {
  TASKS,
  type Task,
  type TaskRun,
  type TaskSummary,
  useTask,
  useTaskDocuments,
  useTaskRuns,
} from './queries.ts';
import { useDateTime } from './when.ts';

const PERIODS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'];

const sameInstant = (a: string | undefined, b: string) =>
  a !== undefined && new Date(a).getTime() === new Date(b).getTime();

function useLanguage() {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'es';
}

/** Runs one of the next occurrences now and says how it went. */
function RunNow({ task }: { task: Task }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const when = useDateTime();
  const message = useErrorMessage();
  const next = task.schedule.next.slice(0, 5);
  const [occurrence, setOccurrence] = useState(next[0] ?? '');
  const run = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/v1/tasks/{id}/run', {
          params: { path: { id: task.id } },
          body: { occurrence },
        }),
      ),
    onSettled: () => queries.invalidateQueries({ queryKey: TASKS }),
  });
  if (next.length === 0) return null;
  return (
    <section className="card" aria-labelledby="run-now">
      <h2 id="run-now">{t('tasks.view.run')}</h2>
      <RadioGroup
        className="field choice"
        value={occurrence}
        onChange={setOccurrence}
        orientation="horizontal"
      >
        <Label>{t('tasks.view.runOccurrence')}</Label>
        <div className="choices">
          {next.map((at) => (
            <Radio key={at} value={at} className="choice-option">
              {when(at, task.schedule.timezone)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      <p className="hint">{t('tasks.view.runHint')}</p>
      <Button
        className="button primary"
        isPending={run.isPending}
        isDisabled={!occurrence}
        onPress={() => run.mutate()}
      >
        {run.isPending ? t('tasks.view.running') : t('tasks.view.run')}
      </Button>
      <p className="notice" role="status">
        {run.data
          ? run.data.status === 'continuing'
            ? t('tasks.view.ranContinuing')
            : t('tasks.view.ranOk', {
                created: run.data.created,
                skipped: run.data.skipped,
                failed: run.data.failed,
              })
          : null}
      </p>
      {run.isError ? <FormAlert messages={[message(run.error)]} /> : null}
    </section>
  );
}

/** One run: how it went and the documents its occurrence made. */
function RunItem({ task, run }: { task: Task; run: TaskRun }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const language = useLanguage();
  const documents = useTaskDocuments(task);
  const invoices = documents.data?.invoices.filter((i) =>
    sameInstant(i.source?.occurrence, run.occurrence),
  );
  const orders = documents.data?.workOrders.filter((w) =>
    sameInstant(w.source?.occurrence, run.occurrence),
  );
  const customerName = new Map(
    [...(invoices ?? [])].map((i) => [i.customerId, i.customer.name] as const),
  );
  return (
    <li className="run">
      <h3>{t('tasks.runs.occurrence', { date: when(run.occurrence, task.schedule.timezone) })}</h3>
      <p>
        <span className={`badge ${run.status}`}>{t(`tasks.runs.status.${run.status}`)}</span>{' '}
        <span className="muted">({t(`tasks.runs.trigger.${run.trigger}`)})</span>
      </p>
      <p>
        {t('tasks.runs.counts', { created: run.created, skipped: run.skipped, failed: run.failed })}
        {task.documentType === 'invoice' ? (
          <>
            {' · '}
            {t('tasks.runs.total', { total: formatMoney(run.totals.total, 'EUR', language) })}
          </>
        ) : null}
      </p>
      {run.failures.length > 0 ? (
        <>
          <h4>{t('tasks.runs.failures')}</h4>
          <ul>
            {run.failures.map((f) => (
              <li key={f.customerId}>
                {customerName.get(f.customerId) ?? f.customerId}: {f.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4>{t('tasks.runs.documents')}</h4>
      <QueryState
        query={documents}
        isEmpty={() => (invoices?.length ?? 0) + (orders?.length ?? 0) === 0}
        empty={t('tasks.runs.noDocuments')}
      >
        {() => (
          <ul className="documents" aria-label={t('tasks.runs.documents')}>
            {invoices?.map((invoice) => {
              const name = invoice.number
                ? t('tasks.runs.invoice', { number: invoice.number })
                : t('tasks.runs.draft');
              return (
                <li key={invoice.id}>
                  <Link to={`/invoices/${encodeURIComponent(invoice.id)}`}>{name}</Link>{' '}
                  <span>{invoice.customer.name}</span>{' '}
                  <span className="amount">
                    {formatMoney(invoice.totals.total, invoice.currency, language)}
                  </span>{' '}
                  <InvoiceDownload
                    id={invoice.id}
                    format={formats.printFormat as FormatId}
                    filename={`${invoice.number ?? invoice.id}.${formatFacts(formats.printFormat).fileExtension}`}
                    label={formatLabel(formats.printFormat, language)}
                    accessibleName={t('tasks.runs.pdf', {
                      name: `${name} · ${invoice.customer.name}`,
                    })}
                  />
                </li>
              );
            })}
            {orders?.map((order) => (
              <li key={order.id}>
                <Link to={`/work-orders/${encodeURIComponent(order.id)}`}>
                  {t('tasks.runs.workOrder', { customer: order.customer.name })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </li>
  );
}

function Runs({ task }: { task: Task }) {
  const { t } = useTranslation();
  const runs = useTaskRuns(task.id);
  return (
    <section className="card" aria-labelledby="runs">
      <h2 id="runs">{t('tasks.runs.title')}</h2>
      <QueryState
        query={runs}
        isEmpty={(runPage) => runPage.items.length === 0}
        empty={t('tasks.runs.empty')}
      >
        {(runPage) => (
          <ul className="runs">
            {runPage.items.map((run) => (
              <RunItem key={run.id} task={task} run={run} />
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function TaskDetails({ task, etag }: { task: Task; etag: string | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const when = useDateTime();
  const message = useErrorMessage();
  const canChange = useCan('PATCH /v1/tasks/{id}');
  const canDelete = useCan('DELETE /v1/tasks/{id}');
  const canRun = useCan('POST /v1/tasks/{id}/run');
  const toggle = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/v1/tasks/{id}', {
          params: { path: { id: task.id } },
          body: { status: task.status === 'active' ? 'paused' : 'active' },
          ...(etag ? { headers: { 'if-match': etag } } : {}),
        }),
      ),
    onSettled: () => queries.invalidateQueries({ queryKey: TASKS }),
  });
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE('/v1/tasks/{id}', { params: { path: { id: task.id } } })),
    onSuccess: () => {
      queries.setQueryData<InfiniteData<{ items: TaskSummary[]; nextCursor?: string }>>(
        [...TASKS, 'list'],
        (list) =>
          list && {
            ...list,
            pages: list.pages.map((p) => ({
              ...p,
              items: p.items.filter((x) => x.id !== task.id),
            })),
          },
      );
      navigate('/tasks', { state: { deleted: true } });
      // Once its page is gone, what was read of it goes (fetched again it would answer 404).
      queries.removeQueries({ predicate: (q) => q.queryKey.includes(task.id) });
      void queries.invalidateQueries({ queryKey: TASKS, refetchType: 'all' });
    },
  });
  const failure = toggle.error ?? remove.error;
  return (
    <>
      <section className="card" aria-labelledby="schedule">
        {failure ? <FormAlert messages={[message(failure)]} /> : null}
        <p>
          <span className={`badge ${task.status}`}>{t(`tasks.status.${task.status}`)}</span>{' '}
          {t(`tasks.type.${task.documentType}`)} ·{' '}
          {t('tasks.view.customers', { count: task.customerIds.length })}
        </p>
        {task.description ? <p>{task.description}</p> : null}
        <h2 id="schedule">{t('tasks.view.schedule')}</h2>
        <p>
          {PERIODS.includes(task.schedule.expression) ? (
            t(`tasks.fields.${task.schedule.expression as 'daily'}`)
          ) : (
            <span className="mono">{task.schedule.expression}</span>
          )}{' '}
          · {task.schedule.timezone}
        </p>
        <h3>{t('tasks.view.nextRuns')}</h3>
        {task.schedule.next.length === 0 ? (
          <p className="muted">{t('tasks.view.noNext')}</p>
        ) : (
          <ul>
            {task.schedule.next.slice(0, 5).map((at) => (
              <li key={at}>{when(at, task.schedule.timezone)}</li>
            ))}
          </ul>
        )}
        <div className="form-actions">
          {canChange ? (
            <>
              <Link className="button secondary" to={`/tasks/${encodeURIComponent(task.id)}/edit`}>
                {t('tasks.edit')}
              </Link>
              <Button
                className="button secondary"
                isPending={toggle.isPending}
                onPress={() => toggle.mutate()}
              >
                {task.status === 'active' ? t('tasks.view.pause') : t('tasks.view.resume')}
              </Button>
            </>
          ) : null}
          {canDelete ? (
            <ConfirmButton
              label={t('tasks.view.delete')}
              confirmLabel={t('tasks.view.confirmDelete')}
              isPending={remove.isPending}
              onConfirm={() => remove.mutate()}
            />
          ) : null}
        </div>
      </section>
      {canRun ? <RunNow task={task} /> : null}
      <Runs task={task} />
    </>
  );
}

export function TaskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const one = useTask(id);
  const { state } = useLocation() as { state: { created?: string; saved?: boolean } | null };
  return (
    <Page title={one.data ? one.data.task.name : t('tasks.title')}>
      <p className="notice" role="status">
        {state?.created
          ? t('tasks.created', { name: state.created })
          : state?.saved
            ? t('tasks.saved')
            : null}
      </p>
      <QueryState query={one}>
        {(found) => <TaskDetails task={found.task} etag={found.etag} />}
      </QueryState>
    </Page>
  );
}
