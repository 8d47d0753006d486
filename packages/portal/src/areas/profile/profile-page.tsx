import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan, useSession } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate, isLanguage } from '../../i18n/index.ts';
import { FormAlert, TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useErrorMessage } from '../../ui/states.tsx';

/**
 * The connectors reached with each user's own credentials (FACe goes with the tenant's
 * certificate, the sandbox needs none).
 */
const CONNECTORS = ['insurer-platform'] as const;
type ConnectorId = (typeof CONNECTORS)[number];
const FIELDS = ['username', 'password', 'taxId'] as const;
const CONNECTORS_KEY = ['profile', 'connectors'] as const;

/**
 * What the API says of the user's credentials for one connector: its tax id and when they were
 * set, never the password (nor the user name); null when none are set.
 */
function useCredentials(connector: ConnectorId) {
  const api = useApi();
  return useQuery({
    queryKey: CONNECTORS_KEY,
    queryFn: async () => unwrap(await api.GET('/v1/users/me/connectors')).items,
    select: (items) => items.find((c) => c.connector === connector) ?? null,
  });
}

/**
 * One connector's credentials: whether they are set (user and tax id, never the password), a
 * form to set or replace them whose password box is emptied after every submit, and delete.
 */
function ConnectorCredentials({ connector }: { connector: ConnectorId }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const message = useErrorMessage();
  const current = useCredentials(connector);
  const canDelete = useCan('DELETE /v1/users/me/connectors/{connector}');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string>();
  const [asking, setAsking] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // Controlled, so that it is emptied after every submit (React Aria keeps its own value).
  const [password, setPassword] = useState('');
  const name = t(`profile.connectors.names.${connector}`);
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const heading = useId();
  const form = useApiForm({
    schema: { load: async () => (await import('./schemas.ts')).ConnectorCredentialsInput },
    fields: FIELDS,
    submit: async (body) => {
      unwrap(
        await api.PUT('/v1/users/me/connectors/{connector}', {
          params: { path: { connector } },
          body,
        }),
      );
      await queries.invalidateQueries({ queryKey: CONNECTORS_KEY });
      setError(undefined);
      setNotice(t('profile.connectors.saved', { name }));
    },
  });
  // The password never stays on the page after a submit, whatever came of it (refused by the
  // form's checks or the API, or saved): the form data was read before this runs.
  const submitted = {
    ...form,
    onSubmit: async (event: FormEvent<HTMLFormElement>) => {
      try {
        await form.onSubmit(event);
      } finally {
        setPassword('');
      }
    },
  };
  const remove = async () => {
    setDeleting(true);
    setError(undefined);
    try {
      unwrap(
        await api.DELETE('/v1/users/me/connectors/{connector}', {
          params: { path: { connector } },
        }),
      );
      await queries.invalidateQueries({ queryKey: CONNECTORS_KEY });
      setNotice(t('profile.connectors.deleted', { name }));
    } catch (e) {
      setError(message(e));
    } finally {
      setDeleting(false);
      setAsking(false);
    }
  };
  return (
    <section
      className="card connector-credentials"
      aria-labelledby={heading}
      data-connector={connector}
    >
      <h3 id={heading}>{name}</h3>
      <p className="notice" role="status">
        {notice}
      </p>
      <QueryState query={current}>
        {(set) => (
          <>
            <p data-credentials={set ? 'set' : 'none'}>
              {set
                ? t('profile.connectors.set', {
                    taxId: set.taxId,
                    date: formatDate(set.updatedAt, language),
                  })
                : t('profile.connectors.notSet')}
            </p>
            <div>
              <ApiForm form={submitted}>
                <div className="field-row">
                  <TextInput
                    name="username"
                    label={t('profile.connectors.username')}
                    isRequired
                    autoComplete="off"
                  />
                  <TextInput
                    name="taxId"
                    label={t('profile.connectors.taxId')}
                    isRequired
                    autoComplete="off"
                    defaultValue={set?.taxId}
                    className="short"
                  />
                </div>
                <TextField
                  className="field"
                  name="password"
                  type="password"
                  isRequired
                  autoComplete="new-password"
                  value={password}
                  onChange={setPassword}
                >
                  <Label>{t('profile.connectors.password')}</Label>
                  <Input className="input" />
                  <Text slot="description">{t('profile.connectors.passwordHint')}</Text>
                  <FieldError className="field-error" />
                </TextField>
                <div className="form-actions">
                  <Button type="submit" className="button primary" isPending={form.pending}>
                    {set ? t('profile.connectors.replace') : t('profile.connectors.save')}
                  </Button>
                </div>
              </ApiForm>
            </div>
            {set && canDelete ? (
              asking ? (
                <fieldset className="settings-confirm" aria-labelledby={`${heading}-q`}>
                  <p id={`${heading}-q`}>{t('profile.connectors.deleteQuestion', { name })}</p>
                  <div className="form-actions">
                    <Button
                      className="button danger compact"
                      isPending={deleting}
                      autoFocus
                      onPress={() => void remove()}
                    >
                      {t('profile.connectors.delete')}
                    </Button>
                    <Button className="button secondary compact" onPress={() => setAsking(false)}>
                      {t('profile.connectors.cancel')}
                    </Button>
                  </div>
                </fieldset>
              ) : (
                <div className="form-actions">
                  <Button
                    className="button secondary compact"
                    aria-label={t('profile.connectors.deleteNamed', { name })}
                    onPress={() => setAsking(true)}
                  >
                    {t('profile.connectors.delete')}
                  </Button>
                </div>
              )
            ) : null}
            {error ? <FormAlert messages={[error]} /> : null}
          </>
        )}
      </QueryState>
    </section>
  );
}

/** The signed-in user's own page: who they are and their credentials on each connector. */
export function ProfilePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const canSet = useCan('PUT /v1/users/me/connectors/{connector}');
  return (
    <Page title={t('profile.title')}>
      {session.status === 'staff' ? (
        <section className="card">
          <dl className="facts">
            <div>
              <dt>{t('profile.email')}</dt>
              <dd>{session.user.email}</dd>
            </div>
          </dl>
        </section>
      ) : null}
      {canSet && session.status === 'staff' ? (
        <section className="card" aria-labelledby="connectors-heading">
          <h2 id="connectors-heading">{t('profile.connectors.title')}</h2>
          <p className="hint">{t('profile.connectors.intro')}</p>
          {CONNECTORS.map((c) => (
            <ConnectorCredentials key={c} connector={c} />
          ))}
        </section>
      ) : null}
    </Page>
  );
}
