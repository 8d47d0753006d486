import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useId, useRef, useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { translateDynamic } from '../../i18n/dynamic.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { QueryState } from '../../ui/query-state.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { base64Of } from './base64.ts';
import { csdProblemKey, csdState } from './csd-state.ts';
import { type Csd, refreshSettings, useCsd, useTenant } from './queries.ts';
import { Details, FileField, inPageWords, Section } from './widgets.tsx';

const FIELDS = ['certificate', 'key', 'password'] as const;
type FileKey = 'certificate' | 'key';

/**
 * The CSD's upload: the `.cer`, the `.key` and its password, sent as `PUT /v1/csd`. The files are
 * read in the browser into refs (kept for a retry after a wrong password); the password is typed
 * into a controlled field emptied as soon as the form is sent, whatever the answer, so it stays
 * neither in the page's state nor in the field. Errors naming `certificate`, `key` or `password`
 * land on that field.
 */
function CsdUpload({ replacing }: { replacing: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const files = useRef<Partial<Record<FileKey, string>>>({});
  const [names, setNames] = useState<Partial<Record<FileKey, string>>>({});
  const [reading, setReading] = useState(0);
  const [password, setPassword] = useState('');
  const [uploaded, setUploaded] = useState(false);
  const id = useId();
  const form = useApiForm({
    schema: { load: async () => (await import('./schemas.ts')).CsdInput },
    fields: FIELDS,
    prepare: (body) => ({
      certificate: files.current.certificate,
      key: files.current.key,
      password: body.password,
    }),
    submit: async (body) => {
      setUploaded(false);
      try {
        unwrap(await api.PUT('/v1/csd', { body }));
      } catch (error) {
        throw inPageWords(error, (status, problem) => {
          const known = csdProblemKey(status, problem);
          return known
            ? translateDynamic(t, `settings.csd.problems.${known.key}`, known.values)
            : undefined;
        });
      }
      files.current = {};
      setNames({});
      form.formRef.current?.reset();
      await refreshSettings(queries);
      setUploaded(true);
    },
  });
  // The form's data is read when the submit starts; the password goes from the field right after.
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    try {
      await form.onSubmit(event);
    } finally {
      setPassword('');
    }
  };
  const onFile = (which: FileKey) => async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0];
    delete files.current[which];
    setNames((current) => ({ ...current, [which]: chosen?.name }));
    if (!chosen) return;
    setReading((n) => n + 1);
    try {
      files.current[which] = await base64Of(chosen);
    } finally {
      setReading((n) => n - 1);
    }
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{replacing ? t('settings.csd.replace') : t('settings.csd.upload')}</h3>
      <p className="settings-hint">{t('settings.csd.uploadHint')}</p>
      <p className="notice" role="status">
        {uploaded ? t('settings.csd.uploaded') : ''}
      </p>
      <ApiForm form={{ ...form, onSubmit }}>
        <FileField
          name="certificate"
          label={t('settings.csd.certificateFile')}
          description={t('settings.csd.certificateFileHint')}
          accept=".cer,.crt,application/pkix-cert"
          fileName={names.certificate}
          error={form.errors.certificate}
          onChange={(e) => void onFile('certificate')(e)}
        />
        <FileField
          name="key"
          label={t('settings.csd.keyFile')}
          description={t('settings.csd.keyFileHint')}
          accept=".key"
          fileName={names.key}
          error={form.errors.key}
          onChange={(e) => void onFile('key')(e)}
        />
        <TextField
          className="field"
          name="password"
          type="password"
          isRequired
          autoComplete="off"
          value={password}
          onChange={setPassword}
        >
          <Label>{t('settings.csd.password')}</Label>
          <Input className="input" />
          <Text slot="description">{t('settings.csd.passwordHint')}</Text>
          <FieldError className="field-error" />
        </TextField>
        <div className="form-actions">
          <Button
            type="submit"
            className="button primary"
            isPending={form.pending}
            isDisabled={reading > 0}
          >
            {form.pending ? t('settings.csd.submitting') : t('settings.csd.submit')}
          </Button>
        </div>
      </ApiForm>
    </section>
  );
}

/** The CSD now sealing: whose it is, its number, until when, and a warning near its end. */
function CurrentCsd({ csd }: { csd: Csd }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const { state } = csdState(csd);
  const validTo = formatDate(csd.validTo, language);
  const label = {
    valid: t('settings.csd.states.valid'),
    expiring: t('settings.csd.states.expiring'),
    expired: t('settings.csd.states.expired'),
    notYetValid: t('settings.csd.states.notYetValid'),
  }[state];
  return (
    <>
      <Details
        rows={[
          [
            t('settings.csd.rfc'),
            <span key="rfc" className="mono">
              {csd.rfc}
            </span>,
          ],
          [t('settings.csd.name'), csd.name],
          [
            t('settings.csd.number'),
            <span key="number" className="mono">
              {csd.certificateNumber}
            </span>,
          ],
          [t('settings.csd.validFrom'), formatDate(csd.validFrom, language)],
          [t('settings.csd.validTo'), validTo],
          [
            t('settings.csd.state'),
            <span
              key="state"
              className={`settings-state ${state === 'notYetValid' ? 'expired' : state}`}
            >
              {label}
            </span>,
          ],
          [t('settings.csd.importedAt'), formatDate(csd.importedAt, language)],
        ]}
      />
      {state === 'expired' ? (
        <p className="settings-warning" role="alert">
          {t('settings.csd.expiredWarning', { date: validTo })}
        </p>
      ) : state === 'expiring' ? (
        <p className="settings-warning" role="alert">
          {t('settings.csd.expiringWarning', { date: validTo })}
        </p>
      ) : null}
    </>
  );
}

/** Mexico: the CSD (certificado de sello digital) that seals the tenant's CFDI. */
export function CsdSection() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const current = useCsd();
  const canUpload = useCan('PUT /v1/csd');
  const title = t('settings.section.csd');
  if (tenant.isPending) return <Loading />;
  if (tenant.isError)
    return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  // Reached by its address only: the sub-navigation offers it to Mexican tenants alone.
  if (tenant.data.address.country !== 'MX')
    return (
      <Section title={title} intro={t('settings.csd.intro')}>
        <p className="settings-note">{t('settings.csd.mexicoOnly')}</p>
      </Section>
    );
  return (
    <Section title={title} intro={t('settings.csd.intro')}>
      <section className="card" aria-label={t('settings.csd.current')}>
        <QueryState query={current} isEmpty={(found) => !found} empty={t('settings.csd.none')}>
          {(csd) => (csd ? <CurrentCsd csd={csd} /> : null)}
        </QueryState>
      </section>
      {canUpload ? <CsdUpload replacing={Boolean(current.data)} /> : null}
    </Section>
  );
}
