import { ApiKeyInput } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { TextInput } from '../../ui/fields.tsx';
import { LoadMore, QueryState } from '../../ui/query-state.tsx';
import { SecretOnce } from '../../ui/secret-once.tsx';
import { refreshSettings, useApiKeys } from './queries.ts';
import { ActionOutcome, ConfirmAction, Section, useActionOutcome } from './widgets.tsx';

function NewApiKey({ onCreated }: { onCreated: (created: { name: string; key: string }) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const form = useApiForm({
    schema: ApiKeyInput,
    fields: ['name'],
    submit: async (body) => {
      const created = unwrap(await api.POST('/v1/api-keys', { body }));
      form.formRef.current?.reset();
      await refreshSettings(queries);
      onCreated({ name: created.name, key: created.key });
    },
  });
  return (
    <section className="card" aria-labelledby="new-api-key">
      <h3 id="new-api-key">{t('settings.apiKeys.new')}</h3>
      <ApiForm form={form}>
        <TextInput
          name="name"
          label={t('settings.apiKeys.name')}
          description={t('settings.apiKeys.nameHint')}
          isRequired
        />
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : t('settings.apiKeys.create')}
          </Button>
        </div>
      </ApiForm>
    </section>
  );
}

/** The tenant's API keys: listed without secrets, created (the secret shown once), revoked. */
export function ApiKeysSection() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const api = useApi();
  const queries = useQueryClient();
  const list = useApiKeys();
  const canCreate = useCan('POST /v1/api-keys');
  const canRevoke = useCan('DELETE /v1/api-keys/{id}');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const action = useActionOutcome();
  const keys = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section title={t('settings.section.apiKeys')} intro={t('settings.apiKeys.intro')}>
      {created ? (
        <SecretOnce
          title={t('settings.apiKeys.secretTitle', { name: created.name })}
          warning={t('settings.apiKeys.secretOnce')}
          label={t('settings.apiKeys.secretLabel')}
          secret={created.key}
          onDone={() => setCreated(null)}
        />
      ) : null}
      <ActionOutcome outcome={action.outcome} />
      <QueryState
        query={list}
        isEmpty={() => keys.length === 0}
        empty={t('settings.apiKeys.empty')}
      >
        {() => (
          <>
            <table className="table">
              <caption className="visually-hidden">{t('settings.section.apiKeys')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('settings.apiKeys.name')}</th>
                  <th scope="col">{t('settings.apiKeys.prefix')}</th>
                  <th scope="col" className="wide-only">
                    {t('settings.apiKeys.created')}
                  </th>
                  <th scope="col">{t('settings.apiKeys.status')}</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id}>
                    <td>{key.name}</td>
                    <td className="mono">{key.prefix}…</td>
                    <td className="wide-only">{formatDate(key.createdAt, language)}</td>
                    <td>
                      {key.revokedAt ? (
                        t('settings.apiKeys.revoked', {
                          date: formatDate(key.revokedAt, language),
                        })
                      ) : (
                        <div className="settings-row-status">
                          <span>{t('settings.apiKeys.active')}</span>
                          {canRevoke ? (
                            <ConfirmAction
                              label={t('settings.apiKeys.revoke')}
                              name={t('settings.apiKeys.revokeName', { name: key.name })}
                              question={t('settings.apiKeys.revokeConfirm', { name: key.name })}
                              onConfirm={async () => {
                                action.clear();
                                try {
                                  unwrap(
                                    await api.DELETE('/v1/api-keys/{id}', {
                                      params: { path: { id: key.id } },
                                    }),
                                  );
                                  await refreshSettings(queries);
                                  action.done(
                                    t('settings.apiKeys.revokedNotice', { name: key.name }),
                                  );
                                } catch (error) {
                                  action.failed(error);
                                }
                              }}
                            />
                          ) : null}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <LoadMore query={list} label={t('settings.more')} />
          </>
        )}
      </QueryState>
      {canCreate ? (
        <NewApiKey
          onCreated={(key) => {
            action.clear();
            setCreated(key);
          }}
        />
      ) : null}
    </Section>
  );
}
