import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/index.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { ROLES, type Role } from './queries.ts';

/** The roles the signed-in person may give: only owners make owners (the API says so too). */
export function RoleField({ defaultValue }: { defaultValue?: Role }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const mayMakeOwners = session.status !== 'staff' || session.user.role === 'owner';
  const roles = ROLES.filter((r) => r !== 'owner' || mayMakeOwners || defaultValue === 'owner');
  return (
    <ChoiceField
      name="role"
      label={t('users.fields.role')}
      defaultValue={defaultValue ?? 'technician'}
      options={roles.map((r) => ({
        id: r,
        label: `${t(`users.roles.${r}`)} — ${t(`users.roleHints.${r}`)}`,
      }))}
    />
  );
}
