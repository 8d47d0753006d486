import { SignUpInput } from '@sello/contracts';
import { useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { ApiError, unwrap, useApi } from '../../api/index.ts';
import { useSession } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { isLanguage } from '../../i18n/language.ts';
import { FieldGroup, TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';

/** The form's fields, named by their path in the API's body. */
const FIELDS = [
  'company.name',
  'company.taxId',
  'company.address.line1',
  'company.address.line2',
  'company.address.postalCode',
  'company.address.city',
  'company.address.province',
  'company.address.country',
  'owner.name',
  'owner.email',
  'owner.password',
] as const;

/**
 * A business signs itself up; its owner is then signed in and lands on the home page. A double
 * submit (or a retry after a lost answer) carries the same Idempotency-Key, so the API answers
 * the first outcome instead of making a second tenant; once the API has answered, the next
 * attempt is a new request with a new key.
 */
export function SignUpPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { session, actions } = useSession();
  const navigate = useNavigate();
  const attemptKey = useRef(crypto.randomUUID());
  const form = useApiForm({
    schema: SignUpInput,
    fields: FIELDS,
    // Documents and mails of the new tenant in the language the person signs up in.
    prepare: (body) => ({
      ...body,
      company: {
        ...(body.company as object),
        ...(isLanguage(i18n.language) ? { language: i18n.language } : {}),
      },
    }),
    submit: async (body) => {
      let signedUp: { user: { email: string } };
      try {
        signedUp = unwrap(
          await api.POST('/v1/auth/sign-up', {
            body,
            headers: { 'idempotency-key': attemptKey.current },
          }),
        );
      } catch (error) {
        if (error instanceof ApiError) attemptKey.current = crypto.randomUUID();
        throw error;
      }
      await actions.signIn({ email: signedUp.user.email, password: body.owner.password });
      navigate('/', { replace: true });
    },
  });
  if (session.status === 'staff') return <Navigate to="/" replace />;
  return (
    <Page title={t('signUp.title')}>
      <section className="card sign-up">
        <p>{t('signUp.intro')}</p>
        <ApiForm form={form}>
          <FieldGroup legend={t('signUp.company')}>
            <TextInput
              name="company.name"
              label={t('signUp.fields.name')}
              isRequired
              autoComplete="organization"
            />
            <TextInput
              name="company.taxId"
              label={t('signUp.fields.taxId')}
              description={t('signUp.fields.taxIdHint')}
              isRequired
              className="short"
            />
            <TextInput
              name="company.address.line1"
              label={t('signUp.fields.line1')}
              isRequired
              autoComplete="address-line1"
            />
            <TextInput
              name="company.address.line2"
              label={t('signUp.fields.line2')}
              autoComplete="address-line2"
            />
            <div className="field-row">
              <TextInput
                name="company.address.postalCode"
                label={t('signUp.fields.postalCode')}
                isRequired
                autoComplete="postal-code"
                className="short"
              />
              <TextInput
                name="company.address.city"
                label={t('signUp.fields.city')}
                isRequired
                autoComplete="address-level2"
              />
            </div>
            <div className="field-row">
              <TextInput
                name="company.address.province"
                label={t('signUp.fields.province')}
                autoComplete="address-level1"
              />
              <TextInput
                name="company.address.country"
                label={t('signUp.fields.country')}
                description={t('signUp.fields.countryHint')}
                isRequired
                autoComplete="country"
                defaultValue="ES"
                className="short"
              />
            </div>
          </FieldGroup>
          <FieldGroup legend={t('signUp.owner')}>
            <TextInput
              name="owner.name"
              label={t('signUp.fields.ownerName')}
              isRequired
              autoComplete="name"
            />
            <TextInput
              name="owner.email"
              label={t('signUp.fields.email')}
              description={t('signUp.fields.emailHint')}
              type="email"
              inputMode="email"
              autoComplete="username"
              isRequired
            />
            <TextInput
              name="owner.password"
              label={t('signUp.fields.password')}
              description={t('signUp.fields.passwordHint')}
              type="password"
              autoComplete="new-password"
              isRequired
            />
          </FieldGroup>
          <p className="hint">{t('signUp.inboxNote')}</p>
          <div className="form-actions">
            <Button type="submit" className="button primary" isPending={form.pending}>
              {form.pending ? t('signUp.submitting') : t('signUp.submit')}
            </Button>
          </div>
        </ApiForm>
        <p className="account-links">
          {t('signUp.haveAccount')} <Link to="/sign-in">{t('signUp.signIn')}</Link>
        </p>
      </section>
    </Page>
  );
}
