import { RedemptionInput } from '@sello/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, type components, type Problem, unwrap, useApi } from '../../api/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { DEFAULT_LANGUAGE, formatDate, isLanguage } from '../../i18n/index.ts';
import { FieldGroup, TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { CFDI_USES, TAX_REGIMES } from './sat.ts';

type Company = components['schemas']['PublicCompany'];
type Redemption = components['schemas']['Redemption'];
type LateRequest = components['schemas']['LateRequestAnswer'];
type Outcome =
  | { kind: 'issued'; invoice: Redemption; email: string }
  | { kind: 'requested'; request: LateRequest; email: string };

const TICKET_FIELDS = ['reference', 'total', 'email'] as const;
const SPAIN_FIELDS = [
  ...TICKET_FIELDS,
  'buyer.taxId',
  'buyer.name',
  'buyer.address.line1',
  'buyer.address.city',
  'buyer.postalCode',
] as const;
const MEXICO_FIELDS = [
  ...TICKET_FIELDS,
  'buyer.taxId',
  'buyer.name',
  'buyer.postalCode',
  'buyer.taxRegime',
  'buyer.cfdiUse',
] as const;

/**
 * The page printed on tickets (`/f/{companyNumber}`): anyone with a ticket types its number and
 * total and their tax details, and gets the company's invoice (a Facturae for a Spanish company,
 * a stamped CFDI for a Mexican one) to download. No session: the API's public routes.
 */
export function SelfInvoicingPage() {
  const { t } = useTranslation();
  const api = useApi();
  const companyNumber = useParams().companyNumber ?? '';
  const company = useQuery({
    queryKey: ['selfInvoicing', 'company', companyNumber],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/public/self-invoicing/{companyNumber}', {
          params: { path: { companyNumber } },
        }),
      ),
  });
  const [outcome, setOutcome] = useState<Outcome>();

  if (company.isPending) return <Loading />;
  if (company.isError) {
    const missing = company.error instanceof ApiError && company.error.status === 404;
    return (
      <Page title={t('selfInvoicing.title')}>
        {missing ? (
          <div className="card narrow self-invoicing-missing" role="alert">
            <p>{t('selfInvoicing.notFound', { number: companyNumber })}</p>
          </div>
        ) : (
          <ErrorState error={company.error} onRetry={() => void company.refetch()} />
        )}
      </Page>
    );
  }
  const found = company.data;
  return (
    <Page title={t('selfInvoicing.title')}>
      <section className="card narrow self-invoicing">
        <p className="self-invoicing-company">
          <strong>{found.name}</strong>
          <span className="self-invoicing-taxid">
            {found.jurisdiction === 'MX'
              ? t('selfInvoicing.mexico.taxId')
              : t('selfInvoicing.spain.taxId')}{' '}
            {found.taxId}
          </span>
        </p>
        {!found.available ? (
          <p role="alert">{t('selfInvoicing.unavailable')}</p>
        ) : outcome ? (
          <OutcomeView outcome={outcome} company={found} onAnother={() => setOutcome(undefined)} />
        ) : (
          <>
            <p className="lead">{t('selfInvoicing.lead')}</p>
            <RedemptionForm company={found} onDone={setOutcome} />
          </>
        )}
      </section>
    </Page>
  );
}

const REFUSALS = {
  total: 'selfInvoicing.errors.total',
  expired: 'selfInvoicing.errors.expired',
  invoiced: 'selfInvoicing.errors.invoiced',
  pending: 'selfInvoicing.errors.pending',
  tooMany: 'selfInvoicing.errors.tooMany',
} as const;

/** The API's refusals in the page's language, on the field they are about. */
function localized(error: unknown, say: Record<keyof typeof REFUSALS, string>): unknown {
  if (!(error instanceof ApiError)) return error;
  const base: Problem = error.problem ?? {
    type: 'about:blank',
    title: error.message,
    status: error.status,
  };
  const paths = new Set((base.errors ?? []).map((e) => e.path));
  const on = (path: string, message: string) =>
    new ApiError(error.status, { ...base, detail: message, errors: [{ path, message }] });
  if (error.status === 422 && paths.has('total')) return on('total', say.total);
  if (error.status === 422 && paths.has('reference')) return on('reference', say.expired);
  // Both 409s name the reference; only a late request's waits for the company.
  if (error.status === 409) {
    const waiting = (base.errors ?? []).some((e) => /late request|awaits/i.test(e.message));
    return on('reference', waiting ? say.pending : say.invoiced);
  }
  if (error.status === 429)
    return new ApiError(429, { ...base, type: 'about:blank', detail: say.tooMany, errors: [] });
  return error;
}

function RedemptionForm({
  company,
  onDone,
}: {
  company: Company;
  onDone: (outcome: Outcome) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const mexico = company.jurisdiction === 'MX';
  const form = useApiForm({
    schema: RedemptionInput,
    fields: mexico ? MEXICO_FIELDS : SPAIN_FIELDS,
    // A total typed the Spanish way (12,10) is the API's 12.10; tax ids are upper case.
    prepare: (body) => {
      const buyer = body.buyer as Record<string, unknown> | undefined;
      return {
        ...body,
        ...(typeof body.total === 'string' ? { total: body.total.replace(',', '.') } : {}),
        ...(buyer
          ? {
              buyer: {
                ...buyer,
                ...(typeof buyer.taxId === 'string'
                  ? { taxId: buyer.taxId.toUpperCase().replace(/[\s-]/g, '') }
                  : {}),
              },
            }
          : {}),
      };
    },
    submit: async (body) => {
      const result = await api
        .POST('/v1/public/self-invoicing/{companyNumber}/invoices', {
          params: { path: { companyNumber: company.companyNumber } },
          body,
        })
        .then(unwrap)
        .catch((error: unknown) => {
          throw localized(error, {
            total: t(REFUSALS.total),
            expired: t(REFUSALS.expired),
            invoiced: t(REFUSALS.invoiced),
            pending: t(REFUSALS.pending),
            tooMany: t(REFUSALS.tooMany),
          });
        });
      onDone(
        'invoiceId' in result
          ? { kind: 'issued', invoice: result, email: body.email }
          : { kind: 'requested', request: result, email: body.email },
      );
    },
  });
  const labels = mexico
    ? {
        taxId: t('selfInvoicing.mexico.taxId'),
        name: t('selfInvoicing.mexico.name'),
        postalCode: t('selfInvoicing.mexico.postalCode'),
      }
    : {
        taxId: t('selfInvoicing.spain.taxId'),
        name: t('selfInvoicing.spain.name'),
        postalCode: t('selfInvoicing.spain.postalCode'),
      };
  return (
    <ApiForm form={form}>
      <FieldGroup legend={t('selfInvoicing.ticketLegend')}>
        <TextInput
          name="reference"
          label={t('selfInvoicing.reference')}
          description={t('selfInvoicing.referenceHint')}
          autoComplete="off"
          isRequired
        />
        <TextInput
          name="total"
          label={t('selfInvoicing.total')}
          description={t('selfInvoicing.totalHint')}
          autoComplete="off"
          isRequired
        />
      </FieldGroup>
      <FieldGroup legend={t('selfInvoicing.buyerLegend')}>
        <TextInput
          name="buyer.taxId"
          label={labels.taxId}
          {...(mexico ? { description: t('selfInvoicing.mexico.taxIdHint') } : {})}
          autoComplete="off"
          className="mono-input"
          isRequired
        />
        <TextInput
          name="buyer.name"
          label={labels.name}
          {...(mexico ? { description: t('selfInvoicing.mexico.nameHint') } : {})}
          autoComplete="organization"
          isRequired
        />
        {mexico ? null : (
          <>
            <TextInput
              name="buyer.address.line1"
              label={t('selfInvoicing.spain.line1')}
              autoComplete="address-line1"
              isRequired
            />
            <TextInput
              name="buyer.address.city"
              label={t('selfInvoicing.spain.city')}
              autoComplete="address-level2"
              isRequired
            />
          </>
        )}
        <TextInput
          name="buyer.postalCode"
          label={labels.postalCode}
          {...(mexico ? { description: t('selfInvoicing.mexico.postalCodeHint') } : {})}
          autoComplete="postal-code"
          isRequired
        />
        {mexico ? (
          <>
            <NativeSelect
              name="buyer.taxRegime"
              label={t('selfInvoicing.mexico.taxRegime')}
              placeholder={t('selfInvoicing.mexico.chooseRegime')}
              options={TAX_REGIMES}
              error={form.errors['buyer.taxRegime']}
            />
            <NativeSelect
              name="buyer.cfdiUse"
              label={t('selfInvoicing.mexico.cfdiUse')}
              options={CFDI_USES}
              defaultValue="G03"
              error={form.errors['buyer.cfdiUse']}
            />
          </>
        ) : null}
        <TextInput
          name="email"
          label={t('selfInvoicing.email')}
          description={t('selfInvoicing.emailHint')}
          type="email"
          inputMode="email"
          autoComplete="email"
          isRequired
        />
      </FieldGroup>
      <div className="form-actions">
        <Button type="submit" className="button primary" isPending={form.pending}>
          {form.pending ? t('selfInvoicing.submitting') : t('selfInvoicing.submit')}
        </Button>
      </div>
    </ApiForm>
  );
}

/**
 * A choice among SAT's codes: the browser's own select (light, and the phone's native picker
 * for a long list), its error beside it like the form's other fields.
 */
function NativeSelect({
  name,
  label,
  options,
  defaultValue,
  placeholder,
  error,
}: {
  name: string;
  label: string;
  options: ReadonlyArray<readonly [string, string]>;
  defaultValue?: string;
  placeholder?: string;
  error: string | undefined;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="react-aria-Label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        name={name}
        className="input native-select"
        defaultValue={defaultValue ?? ''}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {placeholder ? (
          <option value="" disabled>
            {placeholder}
          </option>
        ) : null}
        {options.map(([code, name]) => (
          <option key={code} value={code} lang="es-MX">
            {code} · {name}
          </option>
        ))}
      </select>
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function OutcomeView({
  outcome,
  company,
  onAnother,
}: {
  outcome: Outcome;
  company: Company;
  onAnother: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  // The form (and its button, which had the focus) is gone: the focus goes to what replaced it.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const another = (
    <div className="form-actions">
      <Button className="button secondary" onPress={onAnother}>
        {t('selfInvoicing.done.another')}
      </Button>
    </div>
  );
  if (outcome.kind === 'requested') {
    return (
      <div className="self-invoicing-outcome" role="status">
        <h2 ref={title} tabIndex={-1}>
          {t('selfInvoicing.requested.title')}
        </h2>
        <p>
          {t('selfInvoicing.requested.body', {
            lastDay: formatDate(outcome.request.lastDay, language),
            company: company.name,
            email: outcome.email,
          })}
        </p>
        {another}
      </div>
    );
  }
  const { invoice } = outcome;
  return (
    <div className="self-invoicing-outcome" role="status">
      <h2 ref={title} tabIndex={-1}>
        {t('selfInvoicing.done.title')}
      </h2>
      <dl className="self-invoicing-facts">
        <dt>{t('selfInvoicing.done.number')}</dt>
        <dd data-testid="invoice-number">{invoice.number}</dd>
        {invoice.uuid ? (
          <>
            <dt>{t('selfInvoicing.done.uuid')}</dt>
            <dd className="mono" data-testid="invoice-uuid">
              {invoice.uuid}
            </dd>
          </>
        ) : null}
      </dl>
      <p className="self-invoicing-downloads">
        <a className="button primary" href={invoice.documents.pdf} download>
          {t('selfInvoicing.done.pdf')}
        </a>
        <a className="button secondary" href={invoice.documents.xml} download>
          {t('selfInvoicing.done.xml')}
        </a>
      </p>
      <p>{t('selfInvoicing.done.emailed', { email: outcome.email })}</p>
      {another}
    </div>
  );
}
