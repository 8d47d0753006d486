import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/index.ts';
import { useSession } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { SignInLinks } from '../account/sign-in-links.tsx';

/** Only a path inside the portal, so `?next=` cannot send anyone elsewhere. */
const safeNext = (next: string | null) =>
  next?.startsWith('/') && !next.startsWith('//') ? next : '/';

export function SignInPage() {
  const { t } = useTranslation();
  const { session, actions } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const form = useApiForm({
    schema: { load: async () => (await import('./schema.ts')).SignInInput },
    fields: ['email', 'password'],
    submit: async (body) => {
      try {
        await actions.signIn(body);
      } catch (error) {
        // The API words its refusal in English; this one the person must read in theirs.
        if (error instanceof ApiError && error.status === 401 && error.problem)
          throw new ApiError(401, { ...error.problem, detail: t('signIn.refused') });
        throw error;
      }
      navigate(next, { replace: true });
    },
  });
  if (session.status === 'staff' || session.status === 'recipient') {
    return <Navigate to={next} replace />;
  }
  return (
    <Page title={t('signIn.title')}>
      <section className="card narrow">
        {params.get('expired') ? (
          <p className="notice" role="status">
            {t('signIn.expired')}
          </p>
        ) : null}
        <ApiForm form={form}>
          <TextInput
            name="email"
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            isRequired
          />
          <TextInput
            name="password"
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            isRequired
          />
          <div className="form-actions">
            <Button type="submit" className="button primary" isPending={form.pending}>
              {form.pending ? t('signIn.submitting') : t('signIn.submit')}
            </Button>
          </div>
        </ApiForm>
        <SignInLinks />
      </section>
    </Page>
  );
}
