import { CsdInput } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useId, useRef, useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, unwrap, useApi } from '../../api/index.ts';
import type { FieldProblem } from '../../api/problem.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { translateDynamic } from '../../i18n/dynamic.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { QueryState } from '../../ui/query-state.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { base64Of } from './certificates.tsx';
import { type Csd, refreshSettings, useCsd, useTenant } from './queries.ts';
import { Details, FileField, Section } from './widgets.tsx';

const FIELDS = ['certificate', 'key', 'password'] as const;
const DAY = 86_400_000;
/** A CSD this close to its end is warned about: SAT takes days to issue the next one. */
export const EXPIRY_WARNING_DAYS = 30;

/** Where a CSD stands today: in force, ending soon (with the days left), ended, or not yet. */
export function csdState(
  csd: Pick<Csd, 'validFrom' | 'validTo'>,
  now = Date.now(),
): { state: 'valid' | 'expiring' | 'expired' | 'notYetValid'; days: number } {
  const end = Date.parse(csd.validTo);
  const days = Math.ceil((end - now) / DAY);
  if (end <= now) return { state: 'expired', days: 0 };
  if (Date.parse(csd.validFrom) > now) return { state: 'notYetValid', days };
  return { state: days <= EXPIRY_WARNING_DAYS ? 'expiring' : 'valid', days };
}

type FileKey = 'certificate' | 'key';

/**
 * The API's words for a CSD it refuses (field errors carry no code; see problem-messages.ts) as
 * the page's key, for the cases a person meets: a wrong password, an e.firma, an ended or
 * future CSD, another RFC's, a key of another certificate. Anything else keeps the API's words.
 */
export function csdProblemKey(
  status: number,
  { path, message }: FieldProblem,
): { key: string; values?: Record<string, string> } | undefined {
  if (path === 'password') return { key: 'wrongPassword' };
  if (path === 'certificate' && status === 409) {
    const [, csd, tenant] = /RFC (\S+);.* RFC is (\S+)/.exec(message) ?? [];
    return csd && tenant ? { key: 'otherRfc', values: { csd, tenant } } : undefined;
  }
  if (path === 'certificate' && /e\.firma|FIEL/i.test(message)) return { key: 'eFirma' };
  if (path === 'certificate' && /expired/i.test(message)) return { key: 'expired' };
  if (path === 'certificate' && /not valid until/i.test(message)) return { key: 'notYetValid' };
  if (path === 'key' && /not the key of/i.test(message)) return { key: 'keyMismatch' };
  return undefined;
}

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
    schema: CsdInput,
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
        throw inPageWords(error);
      }
      files.current = {};
      setNames({});
      form.formRef.current?.reset();
      await refreshSettings(queries);
      setUploaded(true);
    },
  });
  /** The refusal with its field errors in the page's language where it knows them. */
  const inPageWords = (error: unknown) => {
    if (!(error instanceof ApiError) || !error.problem?.errors) return error;
    const errors = error.problem.errors.map((e) => {
      const known = csdProblemKey(error.status, e);
      return known
        ? { ...e, message: translateDynamic(t, `settings.csd.problems.${known.key}`, known.values) }
        : e;
    });
    return new ApiError(error.status, { ...error.problem, errors });
  };
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
          className="field short"
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
              className={`settings-state ${state === 'valid' ? 'valid' : state === 'expiring' ? '' : 'expired'}`}
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
