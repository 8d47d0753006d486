import { SettingsPatch } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { TextInput } from '../../ui/fields.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { refreshSettings, type Settings, useSettings } from './queries.ts';
import { CheckField, Section } from './widgets.tsx';

/**
 * The parts of `PATCH /v1/settings` (payment defaults, notifications, branding): each section a
 * form over its fields, sent as a merge patch with the settings' `ETag` in `If-Match`, so a change
 * made meanwhile elsewhere answers 412 rather than being overwritten.
 */
function SettingsForm({
  fields,
  clearable,
  prepare,
  children,
}: {
  fields: readonly string[];
  clearable?: readonly string[];
  prepare?: (body: Record<string, unknown>) => Record<string, unknown>;
  children: (settings: Settings) => ReactNode;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const canEdit = useCan('PATCH /v1/settings');
  const current = useSettings();
  const [saved, setSaved] = useState(false);
  const form = useApiForm({
    schema: SettingsPatch,
    fields,
    ...(clearable ? { clearable } : {}),
    ...(prepare ? { prepare } : {}),
    submit: async (body) => {
      setSaved(false);
      const etag = current.data?.etag;
      unwrap(
        await api.PATCH('/v1/settings', {
          body,
          ...(etag ? { headers: { 'if-match': etag } } : {}),
        }),
      );
      await refreshSettings(queries);
      setSaved(true);
    },
  });
  return (
    <QueryState query={current}>
      {({ settings }) => (
        <div className="card">
          <p className="notice" role="status">
            {saved ? t('settings.saved') : ''}
          </p>
          {canEdit ? null : <p className="settings-note">{t('settings.readOnly')}</p>}
          <ApiForm form={form}>
            {/* A native disabled fieldset: every control inside is read-only for roles that may not change it. */}
            <fieldset
              className="settings-fieldset"
              disabled={!canEdit}
              // Once saved, the fields show what the API kept (normalised), not what was typed.
              key={settings.version}
            >
              {children(settings)}
            </fieldset>
            {canEdit ? (
              <div className="form-actions">
                <Button type="submit" className="button primary" isPending={form.pending}>
                  {form.pending ? t('form.saving') : t('form.save')}
                </Button>
              </div>
            ) : null}
          </ApiForm>
        </div>
      )}
    </QueryState>
  );
}

const PAYMENT = ['payment.iban', 'payment.bic', 'payment.terms'] as const;

export function PaymentSection() {
  const { t } = useTranslation();
  return (
    <Section title={t('settings.section.payment')} intro={t('settings.payment.intro')}>
      {/* A cleared field is removed (null in the merge patch). */}
      <SettingsForm fields={PAYMENT} clearable={PAYMENT}>
        {(settings) => (
          <>
            <TextInput
              name="payment.iban"
              label={t('settings.payment.iban')}
              description={t('settings.payment.ibanHint')}
              defaultValue={settings.payment?.iban}
            />
            <TextInput
              name="payment.bic"
              label={t('settings.payment.bic')}
              defaultValue={settings.payment?.bic}
              className="short"
            />
            <TextInput
              name="payment.terms"
              label={t('settings.payment.terms')}
              description={t('settings.payment.termsHint')}
              defaultValue={settings.payment?.terms}
            />
          </>
        )}
      </SettingsForm>
    </Section>
  );
}

export function NotificationsSection() {
  const { t } = useTranslation();
  const current = useSettings();
  const canEdit = useCan('PATCH /v1/settings');
  const [choice, setChoice] = useState<boolean | undefined>(undefined);
  // Until it is touched, the box shows what is saved.
  const onIssue = choice ?? current.data?.settings.notifications.recipientsOnIssue ?? false;
  return (
    <Section title={t('settings.section.notifications')} intro={t('settings.notifications.intro')}>
      <SettingsForm
        fields={['notifications.recipientsOnIssue']}
        prepare={() => ({ notifications: { recipientsOnIssue: onIssue } })}
      >
        {() => (
          <CheckField
            label={t('settings.notifications.recipientsOnIssue')}
            description={t('settings.notifications.recipientsOnIssueHint')}
            isSelected={onIssue}
            onChange={setChoice}
            isDisabled={!canEdit}
          />
        )}
      </SettingsForm>
    </Section>
  );
}

const BRANDING = ['branding.accentColor', 'branding.footer'] as const;

export function BrandingSection() {
  const { t } = useTranslation();
  return (
    <Section title={t('settings.section.branding')} intro={t('settings.branding.intro')}>
      <SettingsForm fields={BRANDING} clearable={BRANDING}>
        {(settings) => (
          <>
            <div className="settings-colour">
              <TextInput
                name="branding.accentColor"
                label={t('settings.branding.accentColor')}
                description={t('settings.branding.accentColorHint')}
                defaultValue={settings.branding?.accentColor}
                className="short"
              />
              {settings.branding?.accentColor ? (
                <span
                  className="settings-swatch"
                  role="img"
                  aria-label={`${t('settings.branding.preview')}: ${settings.branding.accentColor}`}
                  style={{ background: settings.branding.accentColor }}
                />
              ) : null}
            </div>
            <TextInput
              name="branding.footer"
              label={t('settings.branding.footer')}
              description={t('settings.branding.footerHint')}
              defaultValue={settings.branding?.footer}
            />
          </>
        )}
      </SettingsForm>
    </Section>
  );
}
