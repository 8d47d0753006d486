import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import * as z from 'zod';
import { ApiError, unwrap, useApi } from '../../api/index.ts';
import { useSession } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';

const KeyInput = z.object({ apiKey: z.string().trim().min(1) });

/**
 * Local platform only: until staff can sign in, the portal acts with the demo tenant's API key,
 * kept for this tab. The key is tried on `GET /v1/tenant` before it is used.
 */
export function DeveloperPage() {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const { session, actions } = useSession();
  const form = useApiForm({
    schema: KeyInput,
    fields: ['apiKey'],
    submit: async ({ apiKey }) => {
      const tried = await api.GET('/v1/tenant', { headers: { authorization: `Bearer ${apiKey}` } });
      if (tried.response.status === 401)
        throw new ApiError(401, {
          type: 'about:blank',
          title: t('developer.invalidKey'),
          status: 401,
          errors: [{ path: 'apiKey', message: t('developer.invalidKey') }],
        });
      unwrap(tried);
      queries.clear();
      actions.setApiKey(apiKey);
      navigate('/customers');
    },
  });
  return (
    <Page title={t('developer.title')}>
      <section className="card">
        <p>{t('developer.intro')}</p>
        <p>
          {/* A page of the local platform, outside the portal: a full load. */}
          <a href="/local">{t('developer.localPage')}</a>
        </p>
        {session.status === 'apiKey' ? (
          <div className="notice">
            <p>{t('developer.inUse')}</p>
            <Button className="button secondary" onPress={() => void actions.signOut()}>
              {t('developer.forget')}
            </Button>
          </div>
        ) : null}
        <ApiForm form={form}>
          <TextInput
            name="apiKey"
            label={t('developer.apiKey')}
            description={t('developer.apiKeyHint')}
            autoComplete="off"
            isRequired
          />
          <div className="form-actions">
            <Button type="submit" className="button primary" isPending={form.pending}>
              {t('developer.use')}
            </Button>
          </div>
        </ApiForm>
      </section>
    </Page>
  );
}
