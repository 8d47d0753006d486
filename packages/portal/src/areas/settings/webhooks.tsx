import { WebhookEventType, WebhookInput } from '@sello/contracts';
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
import { QueryState } from '../../ui/query-state.tsx';
import {
  refreshSettings,
  SETTINGS,
  useWebhook,
  useWebhookDeliveries,
  useWebhooks,
  type Webhook,
  type WebhookDelivery,
} from './queries.ts';
import {
  ActionOutcome,
  ConfirmAction,
  Details,
  SecretReveal,
  Section,
  useActionOutcome,
} from './widgets.tsx';

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
      <h3 id="new-webhook">{t('settings.webhooks.new')}</h3>
      <ApiForm form={form}>
        <TextInput
          name="url"
          label={t('settings.webhooks.url')}
          description={t('settings.webhooks.urlHint')}
          isRequired
          autoComplete="url"
        />
        <CheckboxGroup
          className="field settings-events"
          name="events"
          value={events}
          onChange={setEvents}
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
        <TextInput name="description" label={t('settings.webhooks.description')} />
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : t('settings.webhooks.create')}
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
  const hooks = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section title={t('settings.section.webhooks')} intro={t('settings.webhooks.intro')}>
      {secret ? (
        <SecretReveal
          title={t('settings.webhooks.secretTitle')}
          explanation={t('settings.webhooks.secretOnce')}
          label={t('settings.webhooks.secretLabel')}
          secret={secret}
          onDone={() => setSecret(null)}
        />
      ) : null}
      <ActionOutcome
        outcome={
          action.outcome ??
          (state?.deleted ? { ok: true, text: t('settings.webhooks.deletedNotice') } : null)
        }
      />
      <QueryState
        query={list}
        isEmpty={() => hooks.length === 0}
        empty={t('settings.webhooks.empty')}
      >
        {() => (
          <>
            <table className="table">
              <caption className="visually-hidden">{t('settings.section.webhooks')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('settings.webhooks.url')}</th>
                  <th scope="col" className="wide-only">
                    {t('settings.webhooks.events')}
                  </th>
                  <th scope="col" className="wide-only">
                    {t('settings.webhooks.created')}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t('settings.webhooks.delete')}</span>
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
                          label={t('settings.webhooks.delete')}
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
                              action.done(t('settings.webhooks.deletedNotice'));
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
      </QueryState>
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

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const language = useLanguage();
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
          <span className="settings-hint">{t('settings.webhooks.noAttempts')}</span>
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
  const action = useActionOutcome();
  const rows = deliveries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="settings-section" aria-labelledby="webhook-title">
      <p>
        <Link to="/settings/webhooks">← {t('settings.webhooks.back')}</Link>
      </p>
      <QueryState query={hook}>
        {(subscription) => (
          <>
            <h2 id="webhook-title" className="mono settings-url">
              {subscription.url}
            </h2>
            <ActionOutcome outcome={action.outcome} />
            <div className="card">
              <Details
                rows={[
                  [t('settings.webhooks.events'), eventNames(subscription, t)],
                  ...(subscription.description
                    ? [
                        [t('settings.webhooks.description'), subscription.description] as [
                          string,
                          string,
                        ],
                      ]
                    : []),
                  [t('settings.webhooks.created'), formatDate(subscription.createdAt, language)],
                ]}
              />
              {canDelete ? (
                <ConfirmAction
                  label={t('settings.webhooks.delete')}
                  name={t('settings.webhooks.deleteName', { url: subscription.url })}
                  question={t('settings.webhooks.deleteConfirm', { url: subscription.url })}
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
            </div>
          </>
        )}
      </QueryState>
      <h3>{t('settings.webhooks.deliveries')}</h3>
      <p className="settings-intro">{t('settings.webhooks.deliveriesIntro')}</p>
      <QueryState
        query={deliveries}
        isEmpty={() => rows.length === 0}
        empty={t('settings.webhooks.noDeliveries')}
      >
        {() => (
          <>
            <table className="table">
              <caption className="visually-hidden">{t('settings.webhooks.deliveries')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('settings.webhooks.event')}</th>
                  <th scope="col">{t('settings.webhooks.status')}</th>
                  <th scope="col" className="wide-only">
                    {t('settings.webhooks.attempts')}
                  </th>
                  <th scope="col" className="wide-only">
                    {t('settings.webhooks.lastAttempt')}
                  </th>
                  <th scope="col">{t('settings.webhooks.result')}</th>
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
      </QueryState>
    </section>
  );
}
