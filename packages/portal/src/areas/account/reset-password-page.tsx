import { ResetPasswordInput } from '@sello/contracts';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { Page } from '../../ui/page.tsx';
import { NewPasswordFields, withConfirmation, withoutConfirmation } from './new-password.tsx';

/**
 * The reset mail's link (`/reset-password?token=…`): a new password, then the way to sign in
 * with it (the link names no e-mail, so the person signs in as usual).
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const api = useApi();
  const token = useSearchParams()[0].get('token') ?? '';
  const [done, setDone] = useState(false);
  const form = useApiForm({
    schema: withConfirmation(ResetPasswordInput, t('account.mismatch')),
    fields: ['token', 'password', 'confirm'],
    submit: async (input) => {
      unwrap(await api.POST('/v1/auth/reset-password', { body: withoutConfirmation(input) }));
      setDone(true);
    },
  });
  return (
    <Page title={t('account.reset.title')}>
      <section className="card narrow">
        {done ? (
          <>
            <p className="notice" role="status">
              {t('account.reset.done')}
            </p>
            <div className="form-actions">
              <Link className="button primary" to="/sign-in">
                {t('account.reset.signIn')}
              </Link>
            </div>
          </>
        ) : token ? (
          <>
            <p>{t('account.reset.intro')}</p>
            <ApiForm form={form}>
              <NewPasswordFields
                token={token}
                labels={{
                  password: t('account.password'),
                  hint: t('account.passwordHint'),
                  confirm: t('account.confirm'),
                }}
              />
              <div className="form-actions">
                <Button type="submit" className="button primary" isPending={form.pending}>
                  {form.pending ? t('account.reset.submitting') : t('account.reset.submit')}
                </Button>
              </div>
            </ApiForm>
          </>
        ) : (
          <p role="alert">{t('account.noToken')}</p>
        )}
        {done ? null : (
          <p className="account-links">
            <Link to="/forgot-password">{t('account.forgot.title')}</Link>
            {' · '}
            <Link to="/sign-in">{t('account.backToSignIn')}</Link>
          </p>
        )}
      </section>
    </Page>
  );
}
