import { ForgotPasswordInput } from '@sello/contracts';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';

/**
 * Asks for a reset link. The API answers the same whether or not the address has an account,
 * and so does the page.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [sentTo, setSentTo] = useState<string>();
  const form = useApiForm({
    schema: ForgotPasswordInput,
    fields: ['email'],
    submit: async (body) => {
      unwrap(await api.POST('/v1/auth/forgot-password', { body }));
      setSentTo(body.email);
    },
  });
  return (
    <Page title={t('account.forgot.title')}>
      <section className="card narrow">
        {sentTo ? (
          <p className="notice" role="status">
            {t('account.forgot.sent', { email: sentTo })}
          </p>
        ) : (
          <>
            <p>{t('account.forgot.intro')}</p>
            <ApiForm form={form}>
              <TextInput
                name="email"
                label={t('account.forgot.email')}
                type="email"
                inputMode="email"
                autoComplete="username"
                isRequired
              />
              <div className="form-actions">
                <Button type="submit" className="button primary" isPending={form.pending}>
                  {form.pending ? t('account.forgot.submitting') : t('account.forgot.submit')}
                </Button>
              </div>
            </ApiForm>
          </>
        )}
        <p className="account-links">
          <Link to="/sign-in">{t('account.backToSignIn')}</Link>
        </p>
      </section>
    </Page>
  );
}
