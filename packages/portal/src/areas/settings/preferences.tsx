import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { ApiError, type FieldProblem } from '../../api/problem.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { TextInput } from '../../ui/fields.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { refreshSettings, SETTINGS, type Settings, useLogoImage, useSettings } from './queries.ts';
import {
  ActionOutcome,
  CheckField,
  ConfirmAction,
  inPageWords,
  Section,
  useActionOutcome,
} from './widgets.tsx';

type ApiFormState = ReturnType<typeof useApiForm>;

/**
 * The parts of `PATCH /v1/settings` (payment defaults, notifications, branding): each section a
 * form over its fields, sent as a merge patch with the settings' `ETag` in `If-Match`, so a change
 * made meanwhile elsewhere answers 412 rather than being overwritten.
 */
export function SettingsForm({
  fields,
  clearable,
  prepare,
  fieldWords,
  children,
}: {
  fields: readonly string[];
  clearable?: readonly string[];
  prepare?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** The page's words for field errors it knows (see inPageWords). */
  fieldWords?: (status: number, problem: FieldProblem) => string | undefined;
  /** The fields, given the saved settings and the form (for errors of fields outside React Aria). */
  children: (settings: Settings, form: ApiFormState) => ReactNode;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const canEdit = useCan('PATCH /v1/settings');
  const current = useSettings();
  const [saved, setSaved] = useState(false);
  const form = useApiForm({
    // The schema (and zod) load with the first edit: a deep link to a section stays light.
    schema: { load: async () => (await import('./schemas.ts')).SettingsPatch },
    fields,
    ...(clearable ? { clearable } : {}),
    ...(prepare ? { prepare } : {}),
    submit: async (body) => {
      setSaved(false);
      const etag = current.data?.etag;
      try {
        unwrap(
          await api.PATCH('/v1/settings', {
            body,
            ...(etag ? { headers: { 'if-match': etag } } : {}),
          }),
        );
      } catch (error) {
        throw fieldWords ? inPageWords(error, fieldWords) : error;
      }
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
              {children(settings, form)}
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
        fields={['notifications.recipientsOnIssue', 'support.email']}
        // A cleared mailbox is removed: change requests go to the company's own address again.
        clearable={['support.email']}
        prepare={(body) => ({ ...body, notifications: { recipientsOnIssue: onIssue } })}
      >
        {(settings) => (
          <>
            <CheckField
              label={t('settings.notifications.recipientsOnIssue')}
              description={t('settings.notifications.recipientsOnIssueHint')}
              isSelected={onIssue}
              onChange={setChoice}
              isDisabled={!canEdit}
            />
            <TextInput
              name="support.email"
              type="email"
              label={t('settings.notifications.supportEmail')}
              description={t('settings.notifications.supportEmailHint')}
              defaultValue={settings.support?.email}
            />
          </>
        )}
      </SettingsForm>
    </Section>
  );
}

const BRANDING = ['branding.accentColor', 'branding.footer'] as const;

/** What the API accepts, checked here too so a wrong file is told at once, without an upload. */
const LOGO_TYPES = ['image/png', 'image/jpeg'];
const LOGO_MAX_BYTES = 512 * 1024;

/** The logo image from its blob, behind a blob URL released when it changes. */
function LogoPreview({ sha256, alt }: { sha256: string; alt: string }) {
  const image = useLogoImage(sha256);
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!image.data) return;
    const next = URL.createObjectURL(image.data);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [image.data]);
  if (image.isError) return <ErrorState error={image.error} onRetry={() => void image.refetch()} />;
  if (!url) return <Loading />;
  return <img className="settings-logo" src={url} alt={alt} />;
}

/**
 * The logo printed at the head of the invoice PDFs: a preview of the current one, a file to
 * upload (`PUT /v1/settings/logo` with the image as the body) and a way to remove it.
 */
function LogoCard() {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const current = useSettings();
  const canEdit = useCan('PUT /v1/settings/logo');
  const canRemove = useCan('DELETE /v1/settings/logo');
  const action = useActionOutcome();
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const b = (key: string) => t(`settings.branding.${key}` as 'settings.branding.footer');
  // A replaced or removed image is not fetched again with the rest (it would be a 404).
  const forgetLogoImages = () => queries.removeQueries({ queryKey: [...SETTINGS, 'logo'] });
  if (current.isPending) return <Loading />;
  if (current.isError)
    return <ErrorState error={current.error} onRetry={() => void current.refetch()} />;
  const logo = current.data.settings.branding?.logo;
  const etag = current.data.etag;
  const ifMatch = etag ? { headers: { 'if-match': etag } } : {};
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0];
    action.clear();
    setFile(chosen);
    setFileError(
      !chosen
        ? undefined
        : !LOGO_TYPES.includes(chosen.type)
          ? b('logoWrongType')
          : chosen.size > LOGO_MAX_BYTES
            ? b('logoTooLarge')
            : undefined,
    );
  };
  const upload = async () => {
    if (!file || fileError) {
      setFileError(fileError ?? t('form.required'));
      input.current?.focus();
      return;
    }
    setPending(true);
    action.clear();
    try {
      unwrap(
        await api.PUT('/v1/settings/logo', {
          // The image itself is the body, sent as is.
          body: file as unknown as string,
          bodySerializer: (body: unknown) => body as Blob,
          headers: { 'content-type': file.type, ...ifMatch.headers },
        }),
      );
      setFile(undefined);
      if (input.current) input.current.value = '';
      forgetLogoImages();
      await refreshSettings(queries);
      action.done(b('logoUploaded'));
    } catch (error) {
      const field = error instanceof ApiError ? error.problem?.errors?.[0]?.message : undefined;
      if (field) setFileError(field);
      action.failed(error);
    } finally {
      setPending(false);
    }
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{b('logo')}</h3>
      <p className="settings-hint">{b('logoHint')}</p>
      <ActionOutcome outcome={action.outcome} />
      {logo ? (
        <div className="settings-logo-current">
          <LogoPreview sha256={logo.sha256} alt={b('logoAlt')} />
          <p className="settings-hint">
            {t('settings.branding.logoSize', { width: logo.width, height: logo.height })}
          </p>
          {canRemove ? (
            <ConfirmAction
              label={b('logoRemove')}
              name={b('logoRemove')}
              question={b('logoRemoveConfirm')}
              onConfirm={async () => {
                action.clear();
                try {
                  unwrap(await api.DELETE('/v1/settings/logo', ifMatch));
                  forgetLogoImages();
                  await refreshSettings(queries);
                  action.done(b('logoRemoved'));
                } catch (error) {
                  action.failed(error);
                }
              }}
            />
          ) : null}
        </div>
      ) : (
        <p className="settings-note">{b('logoNone')}</p>
      )}
      {canEdit ? (
        <div className="settings-logo-upload">
          {/* As for certificates: the native input stays the control, labelled in the portal's language. */}
          <div className="field">
            <span id={`${id}-file-label`} className="settings-label">
              {logo ? b('logoReplace') : b('logoChoose')}
            </span>
            <div className="settings-file">
              <input
                id={`${id}-file`}
                ref={input}
                className="settings-file-input"
                type="file"
                accept={LOGO_TYPES.join(',')}
                aria-labelledby={`${id}-file-label`}
                aria-describedby={`${id}-file-name${fileError ? ` ${id}-file-error` : ''}`}
                aria-invalid={fileError ? true : undefined}
                onChange={onFile}
              />
              <label htmlFor={`${id}-file`} className="button secondary compact" aria-hidden="true">
                {t('settings.certificate.choose')}
              </label>
              <span id={`${id}-file-name`} className="settings-file-name">
                {file?.name ?? t('settings.certificate.noFile')}
              </span>
            </div>
            {fileError ? (
              <span id={`${id}-file-error`} className="field-error">
                {fileError}
              </span>
            ) : null}
          </div>
          <div className="form-actions">
            <Button className="button primary" isPending={pending} onPress={() => void upload()}>
              {pending ? b('logoUploading') : b('logoUpload')}
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

export function BrandingSection() {
  const { t } = useTranslation();
  return (
    <Section title={t('settings.section.branding')} intro={t('settings.branding.intro')}>
      <LogoCard />
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
