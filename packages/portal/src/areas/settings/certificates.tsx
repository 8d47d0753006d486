// One schema checks both uploads: the two inputs are the same (a PKCS#12 and its password).
import { SigningCertificateInput } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type ReactNode, useId, useRef, useState } from 'react';
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
import { QueryState } from '../../ui/query-state.tsx';
import { base64Of } from './base64.ts';
import { refreshSettings, useSigningCertificate, useSubmitterCertificate } from './queries.ts';
import { type TaxIdCheck, taxIdCheckMessage } from './tax-id-check.ts';
import { Details, Section } from './widgets.tsx';

const FIELDS = ['pkcs12', 'password'] as const;

/**
 * Uploading a PKCS#12 file with its password, for either certificate. The file is read in the
 * browser and sent in the JSON body; neither it nor the password is kept once sent (a ref and
 * the form, cleared on success). The file field is a labelled native input, and the API's
 * `pkcs12` / `password` errors land next to the field they name.
 */
function CertificateUpload({
  replacing,
  send,
}: {
  replacing: boolean;
  send: (body: { pkcs12: string; password: string }) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const file = useRef<string | undefined>(undefined);
  const [reading, setReading] = useState(false);
  const [fileName, setFileName] = useState<string>();
  const [uploaded, setUploaded] = useState(false);
  const id = useId();
  const form = useApiForm({
    schema: SigningCertificateInput,
    fields: FIELDS,
    // A file without password has an empty one, which is still a password to send.
    prepare: (body) => ({ password: '', ...body, pkcs12: file.current }),
    submit: async (body) => {
      setUploaded(false);
      await send(body);
      file.current = undefined;
      setFileName(undefined);
      form.formRef.current?.reset();
      await refreshSettings(queries);
      setUploaded(true);
    },
  });
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0];
    file.current = undefined;
    setFileName(chosen?.name);
    if (!chosen) return;
    setReading(true);
    try {
      file.current = await base64Of(chosen);
    } finally {
      setReading(false);
    }
  };
  const fileError = form.errors.pkcs12;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {replacing ? t('settings.certificate.replace') : t('settings.certificate.upload')}
      </h3>
      <p className="notice" role="status">
        {uploaded ? t('settings.certificate.uploaded') : ''}
      </p>
      <ApiForm form={form}>
        {/*
          The native file input, named by the field's label, stays the control (keyboard and
          screen readers reach it); the browser's own button, in the browser's language, is
          replaced by a label in the portal's.
        */}
        <div className="field">
          <span id={`${id}-file-label`} className="settings-label">
            {t('settings.certificate.file')}
          </span>
          <div className="settings-file">
            <input
              id={`${id}-file`}
              className="settings-file-input"
              type="file"
              name="pkcs12"
              accept=".p12,.pfx,application/x-pkcs12"
              aria-labelledby={`${id}-file-label`}
              aria-describedby={`${id}-file-name ${id}-file-hint${fileError ? ` ${id}-file-error` : ''}`}
              aria-invalid={fileError ? true : undefined}
              onChange={(e) => void onFile(e)}
            />
            <label htmlFor={`${id}-file`} className="button secondary compact" aria-hidden="true">
              {t('settings.certificate.choose')}
            </label>
            <span id={`${id}-file-name`} className="settings-file-name">
              {fileName ?? t('settings.certificate.noFile')}
            </span>
          </div>
          <span id={`${id}-file-hint`} className="settings-hint">
            {t('settings.certificate.fileHint')}
          </span>
          {fileError ? (
            <span id={`${id}-file-error`} className="field-error">
              {fileError}
            </span>
          ) : null}
        </div>
        <TextInput
          name="password"
          type="password"
          label={t('settings.certificate.password')}
          description={t('settings.certificate.passwordHint')}
          autoComplete="off"
        />
        <div className="form-actions">
          <Button
            type="submit"
            className="button primary"
            isPending={form.pending}
            isDisabled={reading}
          >
            {form.pending ? t('settings.certificate.submitting') : t('settings.certificate.submit')}
          </Button>
        </div>
      </ApiForm>
    </section>
  );
}

const day = (value: string, language: Language) => formatDate(value, language);

/**
 * Whether the certificate proves the company's tax id (which opens its inbox) and, when it does
 * not, why, in the API's terms: present while the tax id is unproven or a certificate proved it.
 */
function TaxIdCheckState({ check }: { check: TaxIdCheck }) {
  const { t } = useTranslation();
  return (
    <div className="settings-tax-id">
      <span className={`settings-state ${check.proves ? 'valid' : 'expired'}`}>
        {check.proves ? t('settings.taxIdCheck.proved') : t('settings.taxIdCheck.refused')}
      </span>
      <p>{translateDynamic(t, `settings.taxIdCheck.${taxIdCheckMessage(check)}`)}</p>
      {check.proves ? null : <p className="settings-hint">{t('settings.taxIdCheck.stillSigns')}</p>}
    </div>
  );
}

export function SigningCertificateSection() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const api = useApi();
  const current = useSigningCertificate();
  const canUpload = useCan('PUT /v1/signing-certificate');
  const cert = current.data;
  return (
    <Section title={t('settings.section.signing')} intro={t('settings.signing.intro')}>
      <section className="card" aria-label={t('settings.certificate.current')}>
        <QueryState
          query={current}
          isEmpty={(found) => !found}
          empty={t('settings.certificate.none')}
        >
          {(cert) =>
            cert ? (
              <Details
                rows={[
                  [t('settings.certificate.subject'), cert.subject],
                  [t('settings.certificate.issuer'), cert.issuer],
                  [
                    t('settings.certificate.serialNumber'),
                    <span key="serial" className="mono">
                      {cert.serialNumber}
                    </span>,
                  ],
                  [t('settings.certificate.validFrom'), day(cert.notBefore, language)],
                  [t('settings.certificate.validTo'), day(cert.notAfter, language)],
                  [
                    t('settings.certificate.state'),
                    translateDynamic(
                      t,
                      `settings.certificate.states.${Date.parse(cert.notAfter) < Date.now() ? 'expired' : Date.parse(cert.notBefore) > Date.now() ? 'notYetValid' : 'valid'}`,
                    ),
                  ],
                  [t('settings.certificate.chainLength'), String(cert.chainLength)],
                  [t('settings.certificate.uploadedAt'), day(cert.importedAt, language)],
                  ...(cert.taxIdCheck
                    ? [
                        [
                          t('settings.taxIdCheck.label'),
                          <TaxIdCheckState key="tax-id" check={cert.taxIdCheck} />,
                        ] as [string, ReactNode],
                      ]
                    : []),
                ]}
              />
            ) : null
          }
        </QueryState>
      </section>
      {canUpload ? (
        <CertificateUpload
          replacing={Boolean(cert)}
          send={async (body) => unwrap(await api.PUT('/v1/signing-certificate', { body }))}
        />
      ) : null}
    </Section>
  );
}

export function SubmitterCertificateSection() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const api = useApi();
  const current = useSubmitterCertificate();
  const canUpload = useCan('PUT /v1/verifactu/submitter-certificate');
  const cert = current.data?.certificate;
  return (
    <Section title={t('settings.section.verifactu')} intro={t('settings.verifactu.intro')}>
      <section className="card" aria-label={t('settings.certificate.current')}>
        <QueryState query={current}>
          {(status) => (
            <>
              <p>
                <span className={`settings-state ${status.state}`}>
                  {translateDynamic(t, `settings.certificate.states.${status.state}`)}
                </span>
              </p>
              {cert ? (
                <Details
                  rows={[
                    [t('settings.certificate.subject'), cert.subject],
                    [t('settings.certificate.issuer'), cert.issuer],
                    [
                      t('settings.certificate.serialNumber'),
                      <span key="serial" className="mono">
                        {cert.serialNumber}
                      </span>,
                    ],
                    [t('settings.certificate.validFrom'), day(cert.notBefore, language)],
                    [t('settings.certificate.validTo'), day(cert.notAfter, language)],
                    [t('settings.certificate.uploadedAt'), day(cert.uploadedAt, language)],
                  ]}
                />
              ) : (
                <p>{t('settings.certificate.none')}</p>
              )}
            </>
          )}
        </QueryState>
      </section>
      {canUpload ? (
        <CertificateUpload
          replacing={Boolean(cert)}
          send={async (body) =>
            unwrap(await api.PUT('/v1/verifactu/submitter-certificate', { body }))
          }
        />
      ) : null}
    </Section>
  );
}
