import { RecipientRegistrationInput } from '@sello/contracts';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { type SignedIn, useSession } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { DEFAULT_LANGUAGE, isLanguage } from '../../i18n/language.ts';
import { FieldGroup, TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';

const FIELDS = ['taxId', 'country', 'emailKey', 'issuerKey', 'name', 'email', 'password'] as const;

/**
 * The page the notification mail links to (`/register?taxId=…&key=ekey_…`, `&country=` for a
 * foreign tax id): the mail's key and the tax id come from the link, the issuer's key is typed.
 * The API decides with both keys, creates the account and signs it in; then the inbox.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { actions } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const country = params.get('country') ?? undefined;
  const form = useApiForm({
    schema: RecipientRegistrationInput,
    fields: FIELDS,
    submit: async (body) => {
      // The language the person reads the portal in is the one Sello's mails to them use.
      const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
      const answer = unwrap(
        await api.POST('/v1/recipients/register', { body: { ...body, language } }),
      ) as SignedIn;
      actions.signedIn(answer);
      navigate('/inbox', { replace: true });
    },
  });
  return (
    <Page title={t('register.title')}>
      <section className="card narrow">
        <p className="lead">{t('register.lead')}</p>
        <ApiForm form={form}>
          {country ? <input type="hidden" name="country" value={country} /> : null}
          <FieldGroup legend={t('register.keysLegend')}>
            <p className="field-hint">{t('register.keysHint')}</p>
            <TextInput
              name="taxId"
              label={t('register.taxId')}
              defaultValue={params.get('taxId') ?? ''}
              isRequired
            />
            <TextInput
              name="emailKey"
              label={t('register.emailKey')}
              description={t('register.emailKeyHint')}
              defaultValue={params.get('key') ?? ''}
              autoComplete="off"
              className="mono-input"
              isRequired
            />
            <TextInput
              name="issuerKey"
              label={t('register.issuerKey')}
              description={t('register.issuerKeyHint')}
              autoComplete="off"
              className="mono-input"
              isRequired
            />
          </FieldGroup>
          <FieldGroup legend={t('register.accountLegend')}>
            <TextInput name="name" label={t('register.name')} autoComplete="name" />
            <TextInput
              name="email"
              label={t('register.email')}
              description={t('register.emailHint')}
              type="email"
              inputMode="email"
              autoComplete="username"
              isRequired
            />
            <TextInput
              name="password"
              label={t('register.password')}
              description={t('register.passwordHint')}
              type="password"
              autoComplete="new-password"
              isRequired
            />
          </FieldGroup>
          <div className="form-actions">
            <Button type="submit" className="button primary" isPending={form.pending}>
              {form.pending ? t('register.submitting') : t('register.submit')}
            </Button>
          </div>
        </ApiForm>
        <p>
          {t('register.haveAccount')} <Link to="/sign-in?next=/inbox">{t('register.signIn')}</Link>
        </p>
      </section>
    </Page>
  );
}
