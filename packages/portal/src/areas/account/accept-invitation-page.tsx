import { AcceptInvitationInput } from '@sello/contracts';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { useSession } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { Page } from '../../ui/page.tsx';
import { NewPasswordFields, withConfirmation, withoutConfirmation } from './new-password.tsx';

/** The invitation mail's link (`/accept-invitation?token=…`): choose a password, then signed in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { actions } = useSession();
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token') ?? '';
  const form = useApiForm({
    schema: withConfirmation(AcceptInvitationInput, t('account.mismatch')),
    fields: ['token', 'password', 'confirm'],
    submit: async (input) => {
      const body = withoutConfirmation(input);
      const member = unwrap(await api.POST('/v1/auth/accept-invitation', { body }));
      await actions.signIn({ email: member.email, password: body.password });
      navigate('/', { replace: true });
    },
  });
  return (
    <Page title={t('account.invitation.title')}>
      <section className="card narrow">
        {token ? (
          <>
            <p>{t('account.invitation.intro')}</p>
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
                  {form.pending
                    ? t('account.invitation.submitting')
                    : t('account.invitation.submit')}
                </Button>
              </div>
            </ApiForm>
          </>
        ) : (
          <p role="alert">{t('account.noToken')}</p>
        )}
        <p className="account-links">
          <Link to="/sign-in">{t('account.backToSignIn')}</Link>
        </p>
      </section>
    </Page>
  );
}
