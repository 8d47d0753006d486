import { useId } from 'react';
import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useProducts } from './queries.ts';

/**
 * A line's product, typed by its catalog code with the codes offered as the person types (a
 * native list: a select's overlay would weigh more than the rest of the form). The form turns
 * the code into the API's `productId` with `productIdOf`.
 */
export function ProductCodeField({
  name,
  defaultValue,
}: {
  name: string;
  defaultValue?: string | undefined;
}) {
  const { t } = useTranslation();
  const products = useProducts();
  const list = useId();
  return (
    <TextField className="field" name={name} defaultValue={defaultValue ?? ''}>
      <Label>
        {t('catalog.productField.label')} <span className="optional">{t('form.optional')}</span>
      </Label>
      <Input className="input" list={list} autoComplete="off" />
      <datalist id={list}>
        {(products.data ?? []).map((p) => (
          <option key={p.id} value={p.code}>
            {p.description}
          </option>
        ))}
      </datalist>
      <Text slot="description">{t('catalog.productField.hint')}</Text>
      <FieldError className="field-error" />
    </TextField>
  );
}

/** The product id for a code typed on a line (an unknown code is sent as typed: the API names it). */
export function useProductIdOf() {
  const products = useProducts();
  return (code: string) => products.data?.find((p) => p.code === code.trim())?.id ?? code.trim();
}

/** The code to show for a line's stored product id. */
export function useProductCodeOf() {
  const products = useProducts();
  return (id: string | undefined) =>
    id ? (products.data?.find((p) => p.id === id)?.code ?? id) : undefined;
}
