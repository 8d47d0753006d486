import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Below the sign-in form: the way back in without a password, and the way to sign up. */
export function SignInLinks() {
  const { t } = useTranslation();
  return (
    <p className="account-links">
      <Link to="/forgot-password">{t('account.forgotLink')}</Link>
      {' · '}
      <Link to="/sign-up">{t('signUp.cta')}</Link>
    </p>
  );
}
