import { WorkOrderInput } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { FieldGroup } from '../../ui/fields.tsx';
import { indexedToArrays, renameProblemPaths } from '../../ui/ops-body.ts';
import { InputField, TextAreaField } from '../../ui/ops-fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { ProductCodeField, useProductIdOf } from '../catalog/product-code-field.tsx';
import { useAllCustomers } from '../tasks/queries.ts';
import { WORK_ORDERS } from './queries.ts';

let nextRow = 0;
const newRow = () => `job${nextRow++}`;

export function NewWorkOrderPage() {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const customers = useAllCustomers();
  const [rows, setRows] = useState<string[]>(() => [newRow()]);
  const productIdOf = useProductIdOf();
  const form = useApiForm({
    schema: WorkOrderInput,
    fields: [
      'customerId',
      ...rows.flatMap((_, i) =>
        ['product', 'description', 'quantity', 'unit'].map((k) => `lines.${i}.${k}`),
      ),
      'notes',
      'scheduledFor',
    ],
    prepare: (raw) => {
      // biome-ignore lint/suspicious/noExplicitAny: a body being shaped before zod checks it
      const body = indexedToArrays(raw) as Record<string, any>;
      for (const line of body.lines ?? []) {
        if (line.product !== undefined) line.productId = productIdOf(line.product);
        delete line.product;
      }
      return body;
    },
    submit: async (body) => {
      const order = await api
        .POST('/v1/work-orders', { body })
        .then(unwrap)
        .catch((error: unknown) => {
          // The API names the product by its id; the form shows its code.
          throw renameProblemPaths(error, (p) =>
            p.replace(/^(lines\.\d+)\.productId$/, '$1.product'),
          );
        });
      await queries.invalidateQueries({ queryKey: WORK_ORDERS, refetchType: 'all' });
      navigate(`/work-orders/${encodeURIComponent(order.id)}`, { state: { created: true } });
    },
  });
  return (
    <Page title={t('workOrders.new')}>
      <section className="card">
        <QueryState
          query={customers}
          isEmpty={(list) => list.length === 0}
          empty={t('workOrders.fields.noCustomers')}
          emptyAction={
            <Link className="button secondary" to="/customers/new">
              {t('customers.new')}
            </Link>
          }
        >
          {(list) => (
            <ApiForm form={form}>
              <ChoiceField
                name="customerId"
                label={t('workOrders.fields.customer')}
                options={list.map((c) => ({ id: c.id, label: `${c.name} (${c.taxId})` }))}
              />
              <FieldGroup legend={t('workOrders.fields.lines')}>
                {rows.map((row, i) => (
                  <fieldset key={row} className="line-row">
                    <legend>{t('workOrders.fields.line', { n: i + 1 })}</legend>
                    <ProductCodeField name={`lines.${i}.product`} />
                    <InputField
                      name={`lines.${i}.description`}
                      label={t('workOrders.fields.description')}
                    />
                    <div className="field-row">
                      <InputField
                        name={`lines.${i}.quantity`}
                        label={t('workOrders.fields.quantity')}
                        inputMode="decimal"
                        isRequired
                        defaultValue="1"
                      />
                      <InputField name={`lines.${i}.unit`} label={t('workOrders.fields.unit')} />
                    </div>
                    {rows.length > 1 ? (
                      <Button
                        className="button secondary compact"
                        onPress={() => setRows((all) => all.filter((r) => r !== row))}
                      >
                        {t('workOrders.fields.removeLine', { n: i + 1 })}
                      </Button>
                    ) : null}
                  </fieldset>
                ))}
                <Button
                  className="button secondary"
                  onPress={() => setRows((all) => [...all, newRow()])}
                >
                  {t('workOrders.fields.addLine')}
                </Button>
              </FieldGroup>
              <InputField
                name="scheduledFor"
                label={t('workOrders.fields.scheduledFor')}
                type="date"
                className="short"
              />
              <TextAreaField name="notes" label={t('workOrders.fields.notes')} />
              <div className="form-actions">
                <Button type="submit" className="button primary" isPending={form.pending}>
                  {form.pending ? t('form.saving') : t('form.save')}
                </Button>
                <Link className="button secondary" to="/work-orders">
                  {t('form.cancel')}
                </Link>
              </div>
            </ApiForm>
          )}
        </QueryState>
      </section>
    </Page>
  );
}
