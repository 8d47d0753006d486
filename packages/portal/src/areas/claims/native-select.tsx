import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The browser's own select (light, and the phone's native picker for a long list of customers),
 * labelled, its error beside it like the form's other fields.
 */
export function NativeSelect({
  name,
  label,
  options,
  defaultValue,
  error,
  isRequired,
  placeholder,
}: {
  name: string;
  label: string;
  options: ReadonlyArray<{ id: string; label: string }>;
  defaultValue?: string | undefined;
  error?: string | undefined;
  isRequired?: boolean;
  /** The empty first option: "choose…" when required, "none" when not. */
  placeholder: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label className="react-aria-Label" htmlFor={id}>
        {label} {isRequired ? null : <span className="optional">{t('form.optional')}</span>}
      </label>
      <select
        id={id}
        name={name}
        className="input native-select"
        defaultValue={defaultValue ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
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
