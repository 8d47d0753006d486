import { InvoicingPolicyInput } from '@sello/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { type components, unwrap, useApi } from '../../api/index.ts';
import { ApiError } from '../../api/problem.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { FormAlert, TextInput } from '../../ui/fields.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { DEPOSITS, useDeposits } from './queries.ts';

type Policy = components['schemas']['InvoicingPolicy'];
const KINDS = ['monthly', 'everyDays', 'perDeposit'] as const;
const DAYS = ['7', '15', '21'] as const;

/** The customer's policy, or null when it has none (the API's 404). */
function usePolicy(customerId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    enabled,
    queryKey: [...DEPOSITS, 'policy', customerId],
    queryFn: async (): Promise<Policy | null> => {
      const result = await api.GET('/v1/customers/{id}/invoicing-policy', {
        params: { path: { id: customerId } },
      });
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}

/**
 * The automatic invoicing of a customer's deposits (its account's policy): monthly, every 7, 15
 * or 21 days, or one invoice per deposit, in a time zone; set, changed or stopped here.
 */
export function CustomerPolicy({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  // Read with the deposits section (the same query): an account with deposits shows its policy
  // at once; another only when asked (most customers have none, which the API answers 404).
  const deposits = useDeposits({ customerId }, 20);
  const hasDeposits = (deposits.data?.pages[0]?.items.length ?? 0) > 0;
  const [asked, setAsked] = useState(false);
  const open = hasDeposits || asked;
  const policy = usePolicy(customerId, open);
  const canManage = useCan('PUT /v1/customers/{id}/invoicing-policy');
  return (
    <section className="card" aria-labelledby="customer-policy">
      <h2 id="customer-policy">{t('deposits.policy.title')}</h2>
      {open ? null : (
        <Button className="button secondary compact" onPress={() => setAsked(true)}>
          {t('deposits.policy.show')}
        </Button>
      )}
      {open ? (
        <QueryState query={policy}>
          {(current) => (
            <>
              <p data-policy>
                {current
                  ? current.kind === 'everyDays'
                    ? t('deposits.policy.nowEveryDays', {
                        days: current.days,
                        zone: current.timezone,
                      })
                    : t(`deposits.policy.now.${current.kind}`, { zone: current.timezone })
                  : t('deposits.policy.none')}
              </p>
              {current && current.next.length > 0 ? (
                <p>
                  {t('deposits.policy.next', {
                    dates: current.next
                      .slice(0, 3)
                      .map((d) => formatDate(d, language))
                      .join(', '),
                  })}
                </p>
              ) : null}
              {canManage ? <PolicyForm customerId={customerId} current={current} /> : null}
            </>
          )}
        </QueryState>
      ) : null}
    </section>
  );
}

function PolicyForm({ customerId, current }: { customerId: string; current: Policy | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const message = useErrorMessage();
  const [kind, setKind] = useState<string>(current?.kind ?? 'monthly');
  const [saved, setSaved] = useState<'saved' | 'stopped'>();
  const refresh = () =>
    queries.invalidateQueries({ queryKey: [...DEPOSITS, 'policy', customerId] });
  const form = useApiForm({
    schema: InvoicingPolicyInput,
    fields: ['kind', 'days', 'timezone'],
    // The days are a number, and only for `everyDays`.
    prepare: ({ days, ...body }) =>
      body.kind === 'everyDays' && days ? { ...body, days: Number(days) } : body,
    submit: async (body) => {
      setSaved(undefined);
      unwrap(
        await api.PUT('/v1/customers/{id}/invoicing-policy', {
          params: { path: { id: customerId } },
          body,
        }),
      );
      await refresh();
      setSaved('saved');
    },
  });
  const stop = useMutation({
    mutationFn: async () => {
      const result = await api.DELETE('/v1/customers/{id}/invoicing-policy', {
        params: { path: { id: customerId } },
      });
      if (!result.response.ok) throw new ApiError(result.response.status, undefined);
    },
    onSuccess: async () => {
      await refresh();
      setSaved('stopped');
    },
  });
  return (
    <>
      <p className="notice" role="status">
        {saved ? t(`deposits.policy.${saved}`) : null}
      </p>
      {stop.isError ? <FormAlert messages={[message(stop.error)]} /> : null}
      <ApiForm form={form}>
        <ChoiceField
          name="kind"
          label={t('deposits.policy.kind')}
          defaultValue={kind}
          onChange={setKind}
          options={KINDS.map((k) => ({ id: k, label: t(`deposits.policy.kinds.${k}`) }))}
        />
        {kind === 'everyDays' ? (
          <ChoiceField
            name="days"
            label={t('deposits.policy.days')}
            defaultValue={String(current?.days ?? 15)}
            options={DAYS.map((d) => ({
              id: d,
              label: t('deposits.policy.daysOption', { days: d }),
            }))}
          />
        ) : null}
        <TextInput
          name="timezone"
          label={t('deposits.policy.timezone')}
          description={t('deposits.policy.timezoneHint')}
          isRequired
          defaultValue={current?.timezone ?? 'Europe/Madrid'}
        />
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {current ? t('deposits.policy.change') : t('deposits.policy.start')}
          </Button>
          {current ? (
            <Button
              className="button secondary"
              isPending={stop.isPending}
              onPress={() => stop.mutate()}
            >
              {t('deposits.policy.stop')}
            </Button>
          ) : null}
        </div>
      </ApiForm>
    </>
  );
}
