import { WebhookEventType, WebhookInput, WebhookPatch } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Checkbox, CheckboxGroup, FieldError, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { translateDynamic } from '../../i18n/dynamic.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage, type Language, LOCALES } from '../../i18n/language.ts';
import { TextInput } from '../../ui/fields.tsx';
import { SecretOnce } from '../../ui/secret-once.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import {
  refreshSettings,
  SETTINGS,
  useWebhook,
  useWebhookDeliveries,
  useWebhooks,
  type Webhook,
  type WebhookDelivery,
} from './queries.ts';
import { ActionOutcome, ConfirmAction, Details, Section, useActionOutcome } from './widgets.tsx';

const EVENT_TYPES = WebhookEventType.options;
type EventType = (typeof EVENT_TYPES)[number];

/** A moment of the delivery log, to the second: retries are minutes apart. */
const moment = (value: string, language: Language) =>
  new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'short', timeStyle: 'medium' }).format(
    new Date(value),
  );

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'es';
}

function NewWebhook({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const [events, setEvents] = useState<string[]>(['invoice.issued']);
  const w = (key: string) => t(`settings.webhooks.${key}` as 'settings.webhooks.url');
  const form = useApiForm({
    schema: WebhookInput,
    fields: ['url', 'events', 'description'],
    // The ticked event types come from their group's state (FormData would keep only one).
    prepare: (body) => ({ ...body, events }),
    submit: async (body) => {
      const created = unwrap(await api.POST('/v1/webhooks', { body }));
      form.formRef.current?.reset();
      await refreshSettings(queries);
      onCreated(created.secret);
    },
  });
  return (
    <section className="card" aria-labelledby="new-webhook">
      <h3 id="new-webhook">{w('new')}</h3>
      <ApiForm form={form}>
        <WebhookFields events={events} onEvents={setEvents} />
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : w('create')}
          </Button>
        </div>
      </ApiForm>
    </section>
  );
}

const eventNames = (webhook: Webhook, t: ReturnType<typeof useTranslation>['t']) =>
  webhook.events
    .map((e: EventType) => translateDynamic(t, `settings.webhooks.eventTypes.${e}`))
    .join(', ');

/** The webhook subscriptions: listed, created (the signing secret shown once), deleted. */
export function WebhooksSection() {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useApi();
  const queries = useQueryClient();
  const list = useWebhooks();
  const canCreate = useCan('POST /v1/webhooks');
  const canDelete = useCan('DELETE /v1/webhooks/{id}');
  const [secret, setSecret] = useState<string | null>(null);
  const action = useActionOutcome();
  // Deleted from its own page, which came back here.
  const { state } = useLocation() as { state: { deleted?: boolean } | null };
  const w = (key: string) => t(`settings.webhooks.${key}` as 'settings.webhooks.url');
  const hooks = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section title={t('settings.section.webhooks')} intro={w('intro')}>
      {secret ? (
        <SecretOnce
          title={w('secretTitle')}
          warning={w('secretOnce')}
          label={w('secretLabel')}
          secret={secret}
          onDone={() => setSecret(null)}
        />
      ) : null}
      <ActionOutcome
        outcome={action.outcome ?? (state?.deleted ? { ok: true, text: w('deletedNotice') } : null)}
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : hooks.length === 0 ? (
        <EmptyState>{w('empty')}</EmptyState>
      ) : (
        <>
          <table className="table">
            <caption className="visually-hidden">{t('settings.section.webhooks')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('url')}</th>
                <th scope="col" className="wide-only">
                  {w('events')}
                </th>
                <th scope="col" className="wide-only">
                  {w('created')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{w('delete')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {hooks.map((hook) => (
                <tr key={hook.id}>
                  <td>
                    <Link to={`/settings/webhooks/${encodeURIComponent(hook.id)}`}>
                      <span className="mono">{hook.url}</span>
                    </Link>
                    {hook.description ? (
                      <span className="settings-hint"> · {hook.description}</span>
                    ) : null}
                  </td>
                  <td className="wide-only">{eventNames(hook, t)}</td>
                  <td className="wide-only">{formatDate(hook.createdAt, language)}</td>
                  <td>
                    {canDelete ? (
                      <ConfirmAction
                        label={w('delete')}
                        name={t('settings.webhooks.deleteName', { url: hook.url })}
                        question={t('settings.webhooks.deleteConfirm', { url: hook.url })}
                        onConfirm={async () => {
                          action.clear();
                          try {
                            unwrap(
                              await api.DELETE('/v1/webhooks/{id}', {
                                params: { path: { id: hook.id } },
                              }),
                            );
                            await refreshSettings(queries);
                            action.done(w('deletedNotice'));
                          } catch (error) {
                            action.failed(error);
                          }
                        }}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.hasNextPage ? (
            <Button
              className="button secondary"
              isPending={list.isFetchingNextPage}
              onPress={() => void list.fetchNextPage()}
            >
              {t('settings.more')}
            </Button>
          ) : null}
        </>
      )}
      {canCreate ? (
        <NewWebhook
          onCreated={(s) => {
            action.clear();
            setSecret(s);
          }}
        />
      ) : null}
    </Section>
  );
}

/**
 * Changing a subscription's URL, events or description (`PATCH /v1/webhooks/{id}` with its ETag
 * in `If-Match`, so a change made meanwhile answers 412). Its secret stays.
 */
function EditWebhook({
  webhook,
  etag,
  onSaved,
}: {
  webhook: Webhook;
  etag: string | undefined;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const [events, setEvents] = useState<string[]>(webhook.events);
  const w = (key: string) => t(`settings.webhooks.${key}` as 'settings.webhooks.url');
  const form = useApiForm({
    schema: WebhookPatch,
    fields: ['url', 'events', 'description'],
    clearable: ['description'],
    prepare: (body) => ({ ...body, events }),
    submit: async (body) => {
      unwrap(
        await api.PATCH('/v1/webhooks/{id}', {
          params: { path: { id: webhook.id } },
          body,
          ...(etag ? { headers: { 'if-match': etag } } : {}),
        }),
      );
      await refreshSettings(queries);
      onSaved();
    },
  });
  return (
    <section className="card" aria-labelledby="edit-webhook">
      <h3 id="edit-webhook">{w('edit')}</h3>
      <ApiForm form={form}>
        <WebhookFields webhook={webhook} events={events} onEvents={setEvents} />
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : t('form.save')}
          </Button>
        </div>
      </ApiForm>
    </section>
  );
}

/** What a subscription is made of, to create one (empty) or change one (its values). */
function WebhookFields({
  webhook,
  events,
  onEvents,
}: {
  webhook?: Webhook;
  events: string[];
  onEvents: (events: string[]) => void;
}) {
  const { t } = useTranslation();
  const w = (key: string) => t(`settings.webhooks.${key}` as 'settings.webhooks.url');
  return (
    <>
      <TextInput
        name="url"
        label={w('url')}
        description={w('urlHint')}
        isRequired
        autoComplete="url"
        defaultValue={webhook?.url}
      />
      <EventChoice events={events} onChange={onEvents} />
      <TextInput name="description" label={w('description')} defaultValue={webhook?.description} />
    </>
  );
}

/** The event types a subscription hears, ticked in a group. */
function EventChoice({
  events,
  onChange,
}: {
  events: string[];
  onChange: (events: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <CheckboxGroup
      className="field settings-events"
      name="events"
      value={events}
      onChange={onChange}
      isRequired
    >
      <Label>{t('settings.webhooks.events')}</Label>
      {EVENT_TYPES.map((type) => (
        <Checkbox key={type} value={type} className="settings-checkbox">
          <span className="settings-box" aria-hidden="true" />
          <span>
            {t(`settings.webhooks.eventTypes.${type}`)}{' '}
            <span className="mono settings-event-code">{type}</span>
          </span>
        </Checkbox>
      ))}
      <FieldError className="field-error" />
    </CheckboxGroup>
  );
}

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const w = (key: string) => t(`settings.webhooks.${key}` as 'settings.webhooks.url');
  const last = delivery.lastAttemptAt ?? delivery.createdAt;
  return (
    <tr>
      <td>{t(`settings.webhooks.eventTypes.${delivery.eventType}`)}</td>
      <td>
        <span className={`settings-state ${delivery.status}`}>
          {t(`settings.webhooks.deliveryStatus.${delivery.status}`)}
        </span>
      </td>
      <td className="wide-only">{delivery.attempts}</td>
      <td className="wide-only">{moment(last, language)}</td>
      <td>
        {delivery.lastStatusCode ? (
          <span className="mono">HTTP {delivery.lastStatusCode}</span>
        ) : null}
        {delivery.lastError ? <span> {delivery.lastError}</span> : null}
        {delivery.history.length > 0 ? (
          <details className="settings-history">
            <summary>{t('settings.webhooks.history', { id: delivery.id })}</summary>
            <ol>
              {delivery.history.map((a) => (
                <li key={a.attempt}>
                  {t('settings.webhooks.attempt', {
                    n: a.attempt,
                    at: moment(a.at, language),
                    ms: a.durationMs,
                  })}
                  {a.statusCode ? ` · HTTP ${a.statusCode}` : ''}
                  {a.error ? ` · ${a.error}` : ''}
                  {a.nextAttemptAt
                    ? ` · ${t('settings.webhooks.nextAttempt', { at: moment(a.nextAttemptAt, language) })}`
                    : ''}
                </li>
              ))}
            </ol>
          </details>
        ) : (
          <span className="settings-hint">{w('noAttempts')}</span>
        )}
      </td>
    </tr>
  );
}

/** One subscription and its delivery log (newest first, every attempt). */
export function WebhookPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const api = useApi();
  const queries = useQueryClient();
  const hook = useWebhook(id);
  const deliveries = useWebhookDeliveries(id);
  const canDelete = useCan('DELETE /v1/webhooks/{id}');
  const canEdit = useCan('PATCH /v1/webhooks/{id}');
  const canRotate = useCan('POST /v1/webhooks/{id}/rotate-secret');
  const [secret, setSecret] = useState<string | null>(null);
  const action = useActionOutcome();
  const w = (key: string) => t(`settings.webhooks.${key}` as 'settings.webhooks.url');
  const rows = deliveries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="settings-section" aria-labelledby="webhook-title">
      <p>
        <Link to="/settings/webhooks">← {w('back')}</Link>
      </p>
      {hook.isPending ? (
        <Loading />
      ) : hook.isError ? (
        <ErrorState error={hook.error} onRetry={() => void hook.refetch()} />
      ) : (
        <>
          <h2 id="webhook-title" className="mono settings-url">
            {hook.data.webhook.url}
          </h2>
          {secret ? (
            <SecretOnce
              title={w('rotatedTitle')}
              warning={w('rotatedOnce')}
              label={w('secretLabel')}
              secret={secret}
              onDone={() => setSecret(null)}
            />
          ) : null}
          <ActionOutcome outcome={action.outcome} />
          <div className="card">
            <Details
              rows={[
                [w('events'), eventNames(hook.data.webhook, t)],
                ...(hook.data.webhook.description
                  ? [[w('description'), hook.data.webhook.description] as [string, string]]
                  : []),
                [w('created'), formatDate(hook.data.webhook.createdAt, language)],
              ]}
            />
            <div className="settings-actions">
              {canDelete ? (
                <ConfirmAction
                  label={w('delete')}
                  name={t('settings.webhooks.deleteName', { url: hook.data.webhook.url })}
                  question={t('settings.webhooks.deleteConfirm', { url: hook.data.webhook.url })}
                  onConfirm={async () => {
                    action.clear();
                    try {
                      unwrap(await api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } }));
                      // Its own queries are dropped, not fetched again: they would answer 404.
                      await queries.invalidateQueries({
                        queryKey: [...SETTINGS, 'webhooks'],
                        predicate: (q) => !q.queryKey.includes(id),
                      });
                      navigate('/settings/webhooks', { state: { deleted: true } });
                      queries.removeQueries({
                        queryKey: [...SETTINGS, 'webhooks'],
                        predicate: (q) => q.queryKey.includes(id),
                      });
                    } catch (error) {
                      action.failed(error);
                    }
                  }}
                />
              ) : null}
              {canRotate ? (
                <ConfirmAction
                  label={w('rotate')}
                  name={w('rotate')}
                  question={w('rotateConfirm')}
                  onConfirm={async () => {
                    action.clear();
                    try {
                      const rotated = unwrap(
                        await api.POST('/v1/webhooks/{id}/rotate-secret', {
                          params: { path: { id } },
                        }),
                      );
                      await refreshSettings(queries);
                      setSecret(rotated.secret);
                    } catch (error) {
                      action.failed(error);
                    }
                  }}
                />
              ) : null}
            </div>
          </div>
          {canEdit ? (
            <EditWebhook
              // A saved change starts the form again from what the API kept.
              key={hook.data.etag}
              webhook={hook.data.webhook}
              etag={hook.data.etag}
              onSaved={() => {
                setSecret(null);
                action.done(w('savedNotice'));
              }}
            />
          ) : null}
        </>
      )}
      <h3>{w('deliveries')}</h3>
      <p className="settings-intro">{w('deliveriesIntro')}</p>
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState>{w('noDeliveries')}</EmptyState>
      ) : (
        <>
          <table className="table">
            <caption className="visually-hidden">{w('deliveries')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('event')}</th>
                <th scope="col">{w('status')}</th>
                <th scope="col" className="wide-only">
                  {w('attempts')}
                </th>
                <th scope="col" className="wide-only">
                  {w('lastAttempt')}
                </th>
                <th scope="col">{w('result')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <DeliveryRow key={d.id} delivery={d} />
              ))}
            </tbody>
          </table>
          {deliveries.hasNextPage ? (
            <Button
              className="button secondary"
              isPending={deliveries.isFetchingNextPage}
              onPress={() => void deliveries.fetchNextPage()}
            >
              {t('settings.more')}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}
