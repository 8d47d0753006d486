import {
  DEFAULT_DELIVERY_FORMATS,
  DELIVERY_FORMATS,
  formatLabel,
  TaskInput,
  TaskPatch,
} from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button, type Key, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type * as z from 'zod';
import { unwrap, useApi } from '../../api/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { translateDynamic } from '../../i18n/dynamic.ts';
import { isLanguage } from '../../i18n/language.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { FieldGroup, TextInput } from '../../ui/fields.tsx';
import { indexedToArrays, renameProblemPaths } from '../../ui/ops-body.ts';
import { CheckboxChoices, CheckField, InputField, TextAreaField } from '../../ui/ops-fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import {
  ProductCodeField,
  useProductCodeOf,
  useProductIdOf,
} from '../catalog/product-code-field.tsx';
import { TASKS, type Task, useAllCustomers, useTask } from './queries.ts';
import { TAB_IDS, type TabId, tabOf } from './tabs.ts';

const PERIODS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
const FORMATS = DELIVERY_FORMATS;
const MEANS = ['transfer', 'directDebit', 'card', 'cash', 'other'] as const;
const NO_MEANS = 'none';

/** Today at 09:00 in the browser's clock, as a `datetime-local` value. */
function defaultStart(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T09:00`;
}

/** A stored start (`YYYY-MM-DD` or with a time) as a `datetime-local` value. */
const asLocalDateTime = (value: string) =>
  value.length === 10 ? `${value}T00:00` : value.slice(0, 16);

/** The form's fields (dotted body paths) for `lines` line rows. */
function fieldsFor(lines: number): string[] {
  const perLine = Array.from({ length: lines }, (_, i) =>
    ['product', 'description', 'quantity', 'unitPrice', 'unit', 'taxes.0.rate'].map(
      (f) => `template.lines.${i}.${f}`,
    ),
  ).flat();
  return [
    'name',
    'description',
    'documentType',
    ...perLine,
    'template.notes',
    'template.series',
    'customerIds',
    'reportTo',
    'schedule.expression',
    'customExpression',
    'schedule.timezone',
    'schedule.startDate',
    'schedule.endDate',
    'pricePolicy',
    'delivery.mode',
    'delivery.formats',
    'delivery.issue',
    'template.paymentMethod.means',
    'template.paymentMethod.iban',
    'template.paymentMethod.dueInDays',
  ];
}

/** Array items the API names (`customerIds.2`, `reportTo.0`) land on their list's control. */
const toListControl = (path: string) =>
  path
    .replace(/^(customerIds|reportTo)\.\d+.*$/, '$1')
    .replace(/^(template\.lines\.\d+)\.productId$/, '$1.product');

let nextRow = 0;
const newRow = () => `row${nextRow++}`;

function TaskForm({ task, etag }: { task?: Task | undefined; etag?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const customers = useAllCustomers();
  const [tab, setTab] = useState<Key>('info');
  const [rows, setRows] = useState<string[]>(() =>
    task ? task.template.lines.map(() => newRow()) : [newRow()],
  );
  const [customerIds, setCustomerIds] = useState<string[]>(task?.customerIds ?? []);
  const [formats, setFormats] = useState<string[]>(
    task?.delivery.formats ?? [...DEFAULT_DELIVERY_FORMATS],
  );
  const productIdOf = useProductIdOf();
  const productCodeOf = useProductCodeOf();

  /** The form's flat values as the API's body: arrays, numbers, the choices kept in state. */
  const prepare = (raw: Record<string, unknown>) => {
    const { customExpression, ...rest } = raw as Record<string, unknown> & {
      customExpression?: string;
    };
    // biome-ignore lint/suspicious/noExplicitAny: a body being shaped before zod checks it
    const body = indexedToArrays(rest) as Record<string, any>;
    body.customerIds = customerIds;
    for (const line of body.template?.lines ?? []) {
      if (line.product !== undefined) line.productId = productIdOf(line.product);
      delete line.product;
      // No rate typed: the product's taxes apply (or the API says the line needs some).
      if (Array.isArray(line.taxes)) {
        line.taxes = line.taxes.filter((tax: { rate?: string }) => tax.rate !== undefined);
        if (line.taxes.length === 0) delete line.taxes;
      }
    }
    if (body.schedule?.expression === 'custom') body.schedule.expression = customExpression ?? '';
    body.delivery = { ...body.delivery, formats, issue: body.delivery?.issue !== undefined };
    const payment = body.template?.paymentMethod;
    if (payment) {
      if (payment.means === NO_MEANS) delete body.template.paymentMethod;
      else if (payment.dueInDays !== undefined && /^\d+$/.test(payment.dueInDays))
        payment.dueInDays = Number(payment.dueInDays);
    }
    if (task) {
      // The kind of document is fixed once the task exists.
      delete body.documentType;
      // A field emptied on edit removes it.
      body.description ??= null;
      body.reportTo ??= null;
    }
    return body;
  };

  const form = useApiForm({
    schema: task ? TaskPatch : TaskInput,
    fields: fieldsFor(rows.length),
    prepare,
    submit: async (body) => {
      try {
        const saved = task
          ? unwrap(
              await api.PATCH('/v1/tasks/{id}', {
                params: { path: { id: task.id } },
                body,
                ...(etag ? { headers: { 'if-match': etag } } : {}),
              }),
            )
          : unwrap(await api.POST('/v1/tasks', { body: body as z.output<typeof TaskInput> }));
        await queries.invalidateQueries({ queryKey: TASKS, refetchType: 'all' });
        navigate(`/tasks/${encodeURIComponent(saved.id)}`, {
          state: task ? { saved: true } : { created: saved.name },
        });
      } catch (error) {
        throw renameProblemPaths(error, toListControl);
      }
    },
  });

  // An error on another tab: that tab is shown, and its first field in error takes the focus.
  const errorTabs = new Set(Object.keys(form.errors).map(tabOf));
  const focusAfterSwitch = useRef(false);
  useEffect(() => {
    const first = TAB_IDS.find((id) => Object.keys(form.errors).some((p) => tabOf(p) === id));
    if (!first) return;
    focusAfterSwitch.current = true;
    setTab((current) =>
      Object.keys(form.errors).some((p) => tabOf(p) === current) ? current : first,
    );
  }, [form.errors]);
  useEffect(() => {
    if (!focusAfterSwitch.current) return;
    focusAfterSwitch.current = false;
    form.formRef.current
      ?.querySelector<HTMLElement>(`[data-tab-panel="${String(tab)}"] [aria-invalid="true"]`)
      ?.focus();
  });

  const tabLabel = (id: TabId) => (
    <>
      {t(`tasks.tabs.${id}`)}
      {errorTabs.has(id) ? (
        <>
          <span className="tab-error-mark" aria-hidden="true">
            !
          </span>
          <span className="visually-hidden"> {t('tasks.tabs.hasErrors')}</span>
        </>
      ) : null}
    </>
  );
  const schedule = task?.schedule;
  const periodic = !schedule || (PERIODS as readonly string[]).includes(schedule.expression);
  const payment = task?.template.paymentMethod;

  return (
    <ApiForm form={form}>
      <Tabs className="tabs" selectedKey={tab} onSelectionChange={setTab}>
        <TabList className="tab-list" aria-label={t('tasks.tabs.label')}>
          {TAB_IDS.map((id) => (
            <Tab key={id} id={id} className="tab">
              {tabLabel(id)}
            </Tab>
          ))}
        </TabList>

        <TabPanel id="info" className="tab-panel" shouldForceMount data-tab-panel="info">
          <TextInput
            name="name"
            label={t('tasks.fields.name')}
            isRequired
            defaultValue={task?.name}
          />
          <TextAreaField
            name="description"
            label={t('tasks.fields.description')}
            defaultValue={task?.description}
          />
          {task ? (
            <p>
              <strong>{t('tasks.fields.documentType')}:</strong>{' '}
              {t(`tasks.type.${task.documentType}`)}
            </p>
          ) : (
            <ChoiceField
              name="documentType"
              label={t('tasks.fields.documentType')}
              defaultValue="invoice"
              options={[
                { id: 'invoice', label: t('tasks.type.invoice') },
                { id: 'workOrder', label: t('tasks.type.workOrder') },
              ]}
            />
          )}
          <FieldGroup legend={t('tasks.fields.lines')}>
            {rows.map((row, i) => {
              const line = task?.template.lines[i];
              const n = i + 1;
              return (
                <fieldset key={row} className="line-row">
                  <legend>{t('tasks.fields.line', { n })}</legend>
                  <ProductCodeField
                    name={`template.lines.${i}.product`}
                    defaultValue={productCodeOf(line?.productId)}
                  />
                  <InputField
                    name={`template.lines.${i}.description`}
                    label={t('tasks.fields.lineDescription')}
                    defaultValue={line?.description}
                  />
                  <div className="field-row line-numbers">
                    <InputField
                      name={`template.lines.${i}.quantity`}
                      label={t('tasks.fields.quantity')}
                      isRequired
                      inputMode="decimal"
                      defaultValue={line?.quantity ?? '1'}
                    />
                    <InputField
                      name={`template.lines.${i}.unitPrice`}
                      label={t('tasks.fields.unitPrice')}
                      inputMode="decimal"
                      hideOptional
                      defaultValue={line?.unitPrice}
                    />
                    <InputField
                      name={`template.lines.${i}.unit`}
                      label={t('tasks.fields.unit')}
                      hideOptional
                      defaultValue={line?.unit}
                    />
                    <InputField
                      name={`template.lines.${i}.taxes.0.rate`}
                      label={t('tasks.fields.vat')}
                      inputMode="decimal"
                      hideOptional
                      defaultValue={line?.taxes?.[0]?.rate ?? '21'}
                    />
                  </div>
                  <input
                    type="hidden"
                    name={`template.lines.${i}.taxes.0.type`}
                    value={line?.taxes?.[0]?.type ?? 'IVA'}
                  />
                  {rows.length > 1 ? (
                    <Button
                      className="button secondary compact"
                      onPress={() => setRows((all) => all.filter((r) => r !== row))}
                    >
                      {t('tasks.fields.removeLine', { n })}
                    </Button>
                  ) : null}
                </fieldset>
              );
            })}
            <Button
              className="button secondary"
              onPress={() => setRows((all) => [...all, newRow()])}
            >
              {t('tasks.fields.addLine')}
            </Button>
          </FieldGroup>
          <TextAreaField
            name="template.notes"
            label={t('tasks.fields.notes')}
            defaultValue={task?.template.notes}
          />
          <InputField
            name="template.series"
            label={t('tasks.fields.series')}
            description={t('tasks.fields.seriesHint')}
            className="short"
            defaultValue={task?.template.series}
          />
        </TabPanel>

        <TabPanel id="who" className="tab-panel" shouldForceMount data-tab-panel="who">
          <QueryState query={customers}>
            {(customerList) => (
              <CheckboxChoices
                name="customerIds"
                label={t('tasks.fields.customers')}
                description={
                  customerList.length > 0
                    ? t('tasks.fields.customersHint')
                    : t('tasks.fields.noCustomers')
                }
                value={customerIds}
                onChange={(value) => {
                  setCustomerIds(value);
                  // A checkbox list is edited through its state: its error goes as that of a typed field.
                  form.clearError('customerIds');
                }}
                options={customerList.map((c) => ({
                  id: c.id,
                  label: (
                    <>
                      {c.name} <span className="mono muted">{c.taxId}</span>
                    </>
                  ),
                }))}
              />
            )}
          </QueryState>
          <InputField
            name="reportTo"
            label={t('tasks.fields.reportTo')}
            description={t('tasks.fields.reportToHint')}
            type="email"
            inputMode="email"
            defaultValue={task?.reportTo?.[0]}
          />
        </TabPanel>

        <TabPanel id="when" className="tab-panel" shouldForceMount data-tab-panel="when">
          <ChoiceField
            name="schedule.expression"
            label={t('tasks.fields.expression')}
            defaultValue={periodic ? (schedule?.expression ?? 'monthly') : 'custom'}
            options={[...PERIODS, 'custom'].map((p) => ({
              id: p,
              label: translateDynamic(t, `tasks.fields.${p}`),
            }))}
          />
          <InputField
            name="customExpression"
            label={t('tasks.fields.customExpression')}
            description={t('tasks.fields.customExpressionHint')}
            defaultValue={periodic ? '' : schedule?.expression}
          />
          <InputField
            name="schedule.timezone"
            label={t('tasks.fields.timezone')}
            description={t('tasks.fields.timezoneHint')}
            defaultValue={schedule?.timezone}
          />
          <div className="field-row even">
            <InputField
              name="schedule.startDate"
              label={t('tasks.fields.startDate')}
              description={t('tasks.fields.startDateHint')}
              type="datetime-local"
              isRequired
              defaultValue={schedule ? asLocalDateTime(schedule.startDate) : defaultStart()}
            />
            <InputField
              name="schedule.endDate"
              label={t('tasks.fields.endDate')}
              type="date"
              defaultValue={schedule?.endDate?.slice(0, 10)}
            />
          </div>
        </TabPanel>

        <TabPanel id="how" className="tab-panel" shouldForceMount data-tab-panel="how">
          <ChoiceField
            name="pricePolicy"
            label={t('tasks.fields.pricePolicy')}
            defaultValue={task?.pricePolicy ?? 'template'}
            options={[
              { id: 'template', label: t('tasks.fields.priceTemplate') },
              { id: 'catalog', label: t('tasks.fields.priceCatalog') },
            ]}
          />
          <ChoiceField
            name="delivery.mode"
            label={t('tasks.fields.mode')}
            defaultValue={task?.delivery.mode ?? 'create'}
            options={[
              { id: 'create', label: t('tasks.fields.modeCreate') },
              { id: 'createAndSend', label: t('tasks.fields.modeSend') },
            ]}
          />
          <CheckField
            name="delivery.issue"
            label={t('tasks.fields.issue')}
            defaultSelected={task?.delivery.issue ?? false}
          />
          <CheckboxChoices
            name="delivery.formats"
            label={t('tasks.fields.formats')}
            value={formats}
            onChange={(value) => {
              setFormats(value);
              form.clearError('delivery.formats');
            }}
            options={FORMATS.map((id) => ({ id, label: formatLabel(id, language) }))}
          />
          <FieldGroup legend={t('tasks.fields.payment')}>
            <ChoiceField
              name="template.paymentMethod.means"
              label={t('tasks.fields.means')}
              defaultValue={payment?.means ?? NO_MEANS}
              options={[NO_MEANS, ...MEANS].map((m) => ({
                id: m,
                label: translateDynamic(t, `tasks.fields.${m === NO_MEANS ? 'meansNone' : m}`),
              }))}
            />
            <div className="field-row">
              <InputField
                name="template.paymentMethod.iban"
                label={t('tasks.fields.iban')}
                defaultValue={payment?.iban}
              />
              <InputField
                name="template.paymentMethod.dueInDays"
                label={t('tasks.fields.dueInDays')}
                inputMode="numeric"
                className="short"
                defaultValue={payment?.dueInDays?.toString()}
              />
            </div>
          </FieldGroup>
        </TabPanel>
      </Tabs>
      <div className="form-actions">
        <Button type="submit" className="button primary" isPending={form.pending}>
          {form.pending ? t('form.saving') : t('form.save')}
        </Button>
        <Link className="button secondary" to={task ? `/tasks/${task.id}` : '/tasks'}>
          {t('form.cancel')}
        </Link>
      </div>
    </ApiForm>
  );
}

export function NewTaskPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('tasks.new')}>
      <section className="card">
        <TaskForm />
      </section>
    </Page>
  );
}

export function EditTaskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const one = useTask(id);
  return (
    <Page title={one.data ? one.data.task.name : t('tasks.edit')}>
      <section className="card">
        <QueryState query={one}>
          {(found) => <TaskForm task={found.task} etag={found.etag} />}
        </QueryState>
      </section>
    </Page>
  );
}
