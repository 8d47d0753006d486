import { MemberPatch } from '@sello/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { FormAlert } from '../../ui/fields.tsx';
import { ConfirmButton } from '../../ui/ops-fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { type Member, USERS, useMembers } from './queries.ts';
import { RoleField } from './role-field.tsx';

function MemberDetails({ member }: { member: Member }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const canChange = useCan('PATCH /v1/users/{id}');
  const canRemove = useCan('DELETE /v1/users/{id}');
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const refresh = () => queries.invalidateQueries({ queryKey: USERS, refetchType: 'all' });
  const form = useApiForm({
    schema: MemberPatch,
    fields: ['role'],
    submit: async (body) => {
      unwrap(await api.PATCH('/v1/users/{id}', { params: { path: { id: member.id } }, body }));
      await refresh();
      navigate('/users', { state: { saved: true } });
    },
  });
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE('/v1/users/{id}', { params: { path: { id: member.id } } })),
    onSuccess: async () => {
      await refresh();
      navigate('/users', { state: { removed: member.email } });
    },
  });
  return (
    <>
      <section className="card">
        <p>
          {t(`users.roles.${member.role}`)} ·{' '}
          {member.joinedAt
            ? t('users.member.joined', { date: formatDate(member.joinedAt, language) })
            : t('users.member.pending')}
        </p>
        {member.name ? <p>{member.name}</p> : null}
      </section>
      {canChange ? (
        <section className="card" aria-labelledby="change-role">
          <h2 id="change-role">{t('users.member.changeRole')}</h2>
          <ApiForm form={form}>
            <RoleField defaultValue={member.role} />
            <div className="form-actions">
              <Button type="submit" className="button primary" isPending={form.pending}>
                {form.pending ? t('form.saving') : t('form.save')}
              </Button>
            </div>
          </ApiForm>
        </section>
      ) : null}
      {canRemove ? (
        <section className="card" aria-labelledby="remove-access">
          <h2 id="remove-access">{t('users.member.remove')}</h2>
          {remove.isError ? <FormAlert messages={[message(remove.error)]} /> : null}
          <ConfirmButton
            label={t('users.member.remove')}
            confirmLabel={t('users.member.confirmRemove')}
            isPending={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        </section>
      ) : null}
      <p>
        <Link to="/users">{t('users.member.back')}</Link>
      </p>
    </>
  );
}

export function MemberPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const members = useMembers();
  const member = members.data?.find((m) => m.id === id);
  return (
    <Page title={member ? member.email : t('users.title')}>
      <QueryState
        query={members}
        isEmpty={() => !member}
        empty={t('users.notFound')}
        emptyAction={<Link to="/users">{t('users.member.back')}</Link>}
      >
        {() => (member ? <MemberDetails member={member} /> : null)}
      </QueryState>
    </Page>
  );
}
