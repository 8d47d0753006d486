import { InviteInput } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { USERS } from './queries.ts';
import { RoleField } from './role-field.tsx';

export function InviteUserPage() {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const form = useApiForm({
    schema: InviteInput,
    fields: ['email', 'name', 'role'],
    submit: async (body) => {
      const member = unwrap(await api.POST('/v1/users', { body }));
      await queries.invalidateQueries({ queryKey: USERS, refetchType: 'all' });
      navigate('/users', { state: { invited: member.email } });
    },
  });
  return (
    <Page title={t('users.inviteTitle')}>
      <section className="card">
        <p>{t('users.inviteHint')}</p>
        <ApiForm form={form}>
          <TextInput
            name="email"
            label={t('users.fields.email')}
            type="email"
            inputMode="email"
            autoComplete="off"
            isRequired
          />
          <TextInput name="name" label={t('users.fields.name')} autoComplete="off" />
          <RoleField />
          <div className="form-actions">
            <Button type="submit" className="button primary" isPending={form.pending}>
              {form.pending ? t('users.sending') : t('users.send')}
            </Button>
            <Link className="button secondary" to="/users">
              {t('form.cancel')}
            </Link>
          </div>
        </ApiForm>
      </section>
    </Page>
  );
}
