import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { formatMoney } from '../../i18n/format.ts';
import type { Language } from '../../i18n/language.ts';
import { FormAlert } from '../../ui/fields.tsx';
import { ConfirmButton } from '../../ui/ops-fields.tsx';
import { Page } from '../../ui/page.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { useTenantCountry } from '../invoices/tenant-country.ts';
import { CATALOG } from './queries.ts';
import { CatalogSections } from './sections.tsx';

export const refreshCatalog = (queries: QueryClient) =>
  queries.invalidateQueries({ queryKey: CATALOG, refetchType: 'all' });

/** A catalog price as it reads everywhere: `12,50 € / hora`. */
export const catalogPrice = (
  product: { unitPrice: string; unit?: string | undefined },
  language: Language,
  currency = 'EUR',
) =>
  `${formatMoney(product.unitPrice, currency, language)}${product.unit ? ` / ${product.unit}` : ''}`;

/** The catalog's prices are in the tenant's accounting currency: pesos for a Mexican one. */
export function useCatalogCurrency(): string {
  return useTenantCountry().mexico ? 'MXN' : 'EUR';
}

/**
 * A list of the catalog (products, tariffs): its title with the button to add one, the
 * catalog's sections, and what became of the last change made on an item's page.
 */
export function CatalogListPage({
  title,
  create,
  created,
  children,
}: {
  title: string;
  create: { to: string; label: string } | null;
  /** The notice for an item just created, by the name its page came back with. */
  created: (name: string) => string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { state } = useLocation() as {
    state: { created?: string; saved?: boolean; deleted?: boolean } | null;
  };
  return (
    <Page
      title={title}
      actions={
        create ? (
          <Link className="button primary" to={create.to}>
            {create.label}
          </Link>
        ) : null
      }
    >
      <CatalogSections />
      <p className="notice" role="status">
        {state?.created
          ? created(state.created)
          : state?.saved
            ? t('catalog.saved')
            : state?.deleted
              ? t('catalog.deleted')
              : null}
      </p>
      {children}
    </Page>
  );
}

/**
 * Deletes an item of the catalog (asked twice), then goes back to its list, dropping what was
 * read of the item: fetched again it would answer 404.
 */
export function DeleteCatalogItem({
  id,
  list,
  backTo,
  remove,
}: {
  id: string;
  /** The list query it is in (`products`, `tariffs`), updated at once. */
  list: 'products' | 'tariffs';
  backTo: string;
  remove: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const mutation = useMutation({
    mutationFn: remove,
    onSuccess: () => {
      queries.setQueryData<{ id: string }[]>([...CATALOG, list], (all) =>
        all?.filter((x) => x.id !== id),
      );
      navigate(backTo, { state: { deleted: true } });
      queries.removeQueries({ predicate: (q) => q.queryKey.includes(id) });
      void refreshCatalog(queries);
    },
  });
  return (
    <section className="card">
      {mutation.isError ? <FormAlert messages={[message(mutation.error)]} /> : null}
      <ConfirmButton
        label={t('catalog.delete')}
        confirmLabel={t('catalog.confirmDelete')}
        isPending={mutation.isPending}
        onConfirm={() => mutation.mutate()}
      />
    </section>
  );
}
