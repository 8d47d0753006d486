import { OnboardingKeyInput } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { translateDynamic } from '../../i18n/dynamic.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage, type Language } from '../../i18n/language.ts';
import { TextInput } from '../../ui/fields.tsx';
import { LoadMore, QueryState } from '../../ui/query-state.tsx';
import { SecretOnce } from '../../ui/secret-once.tsx';
import { type OnboardingKey, refreshSettings, useOnboardingKeys } from './queries.ts';
import { ActionOutcome, ConfirmAction, Section, useActionOutcome } from './widgets.tsx';

function NewOnboardingKey({
  onCreated,
}: {
  onCreated: (created: { taxId: string; key: string }) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const form = useApiForm({
    schema: OnboardingKeyInput,
    fields: ['taxId', 'country'],
    submit: async (body) => {
      const created = unwrap(await api.POST('/v1/onboarding-keys', { body }));
      form.formRef.current?.reset();
      await refreshSettings(queries);
      onCreated({ taxId: created.taxId, key: created.key });
    },
  });
  return (
    <section className="card" aria-labelledby="new-onboarding-key">
      <h3 id="new-onboarding-key">{t('settings.onboardingKeys.new')}</h3>
      <ApiForm form={form}>
        <div className="field-row">
          <TextInput name="taxId" label={t('settings.onboardingKeys.taxId')} isRequired />
          <TextInput
            name="country"
            label={t('settings.onboardingKeys.country')}
            description={t('settings.onboardingKeys.countryHint')}
            className="short"
          />
        </div>
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : t('settings.onboardingKeys.create')}
          </Button>
        </div>
      </ApiForm>
    </section>
  );
}

/** A key no longer usable, in words; undefined while it still opens a registration. */
function spent(
  key: OnboardingKey,
  language: Language,
  t: ReturnType<typeof useTranslation>['t'],
): string | undefined {
  if (key.usedAt)
    return translateDynamic(t, 'settings.onboardingKeys.used', {
      date: formatDate(key.usedAt, language),
    });
  if (key.revokedAt)
    return translateDynamic(t, 'settings.onboardingKeys.revoked', {
      date: formatDate(key.revokedAt, language),
    });
  if (Date.parse(key.expiresAt) < Date.now())
    return translateDynamic(t, 'settings.onboardingKeys.expired');
  return undefined;
}

/**
 * Key management for recipient registration: the issuer keys (`ikey_…`) a customer needs with
 * the key of its notification mail. Created for a tax id (shown once), listed, revoked unused.
 */
export function OnboardingKeysSection() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const api = useApi();
  const queries = useQueryClient();
  const list = useOnboardingKeys();
  const canCreate = useCan('POST /v1/onboarding-keys');
  const canRevoke = useCan('DELETE /v1/onboarding-keys/{id}');
  const [created, setCreated] = useState<{ taxId: string; key: string } | null>(null);
  const action = useActionOutcome();
  const keys = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section
      title={t('settings.section.onboardingKeys')}
      intro={t('settings.onboardingKeys.intro')}
    >
      {created ? (
        <SecretOnce
          title={t('settings.onboardingKeys.secretTitle', { taxId: created.taxId })}
          warning={t('settings.onboardingKeys.secretOnce')}
          label={t('settings.onboardingKeys.secretLabel')}
          secret={created.key}
          onDone={() => setCreated(null)}
        />
      ) : null}
      <ActionOutcome outcome={action.outcome} />
      <QueryState
        query={list}
        isEmpty={() => keys.length === 0}
        empty={t('settings.onboardingKeys.empty')}
      >
        {() => (
          <>
            <table className="table">
              <caption className="visually-hidden">{t('settings.section.onboardingKeys')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('settings.onboardingKeys.taxId')}</th>
                  <th scope="col" className="wide-only">
                    {t('settings.onboardingKeys.created')}
                  </th>
                  <th scope="col" className="wide-only">
                    {t('settings.onboardingKeys.expires')}
                  </th>
                  <th scope="col">{t('settings.onboardingKeys.status')}</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => {
                  const done = spent(key, language, t);
                  return (
                    <tr key={key.id}>
                      <td className="mono">{key.taxId}</td>
                      <td className="wide-only">{formatDate(key.createdAt, language)}</td>
                      <td className="wide-only">{formatDate(key.expiresAt, language)}</td>
                      <td>
                        {done ?? (
                          <div className="settings-row-status">
                            <span>{t('settings.onboardingKeys.active')}</span>
                            {canRevoke ? (
                              <ConfirmAction
                                label={t('settings.onboardingKeys.revoke')}
                                name={t('settings.onboardingKeys.revokeName', { taxId: key.taxId })}
                                question={t('settings.onboardingKeys.revokeConfirm', {
                                  taxId: key.taxId,
                                })}
                                onConfirm={async () => {
                                  action.clear();
                                  try {
                                    unwrap(
                                      await api.DELETE('/v1/onboarding-keys/{id}', {
                                        params: { path: { id: key.id } },
                                      }),
                                    );
                                    await refreshSettings(queries);
                                    action.done(
                                      t('settings.onboardingKeys.revokedNotice', {
                                        taxId: key.taxId,
                                      }),
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
                  );
                })}
              </tbody>
            </table>
            <LoadMore query={list} label={t('settings.more')} />
          </>
        )}
      </QueryState>
      {canCreate ? (
        <NewOnboardingKey
          onCreated={(key) => {
            action.clear();
            setCreated(key);
          }}
        />
      ) : null}
    </Section>
  );
}
