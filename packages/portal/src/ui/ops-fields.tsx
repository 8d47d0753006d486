import { type ReactNode, useState } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/**
 * Fields the catalog, tasks, work orders and users pages share, beside `fields.tsx` (which stays
 * as it is): inputs of other types, multi-line text, groups of checkboxes, and a two-step delete.
 */

/** A labelled input of any HTML type (date, datetime-local, number…) with hint and error. */
export function InputField({
  name,
  label,
  description,
  isRequired,
  defaultValue,
  type = 'text',
  inputMode,
  className,
  hideOptional,
}: {
  name: string;
  label: string;
  description?: string;
  isRequired?: boolean;
  defaultValue?: string | undefined;
  type?: string;
  inputMode?: 'text' | 'email' | 'decimal' | 'numeric';
  className?: string;
  /** In a table row the "(optional)" would only crowd the column. */
  hideOptional?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      className={`field ${className ?? ''}`}
      name={name}
      type={type}
      isRequired={isRequired}
      defaultValue={defaultValue ?? ''}
      {...(inputMode ? { inputMode } : {})}
    >
      <Label>
        {label}{' '}
        {isRequired || hideOptional ? null : <span className="optional">{t('form.optional')}</span>}
      </Label>
      <Input className="input" />
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
    </TextField>
  );
}

/** Several lines of text. */
export function TextAreaField({
  name,
  label,
  description,
  defaultValue,
}: {
  name: string;
  label: string;
  description?: string;
  defaultValue?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <TextField className="field" name={name} defaultValue={defaultValue ?? ''}>
      <Label>
        {label} <span className="optional">{t('form.optional')}</span>
      </Label>
      <TextArea className="input textarea" rows={3} />
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
    </TextField>
  );
}

/**
 * Checkboxes whose checked values form one array field of the body (`customerIds`). The form
 * takes the array from `value`: FormData would keep only the last of equal names.
 */
export function CheckboxChoices({
  name,
  label,
  description,
  options,
  value,
  onChange,
}: {
  name: string;
  label: string;
  description?: string;
  options: ReadonlyArray<{ id: string; label: ReactNode }>;
  value: string[];
  onChange: (value: string[]) => void;
}) {
  return (
    <CheckboxGroup className="field checkbox-choices" name={name} value={value} onChange={onChange}>
      <Label>{label}</Label>
      {description ? <Text slot="description">{description}</Text> : null}
      <div className="checks">
        {options.map((o) => (
          <Checkbox key={o.id} value={o.id} className="check-option">
            {o.label}
          </Checkbox>
        ))}
      </div>
      <FieldError className="field-error" />
    </CheckboxGroup>
  );
}

/** One yes/no field (its value is `on` in the form when checked). */
export function CheckField({
  name,
  label,
  defaultSelected,
}: {
  name: string;
  label: string;
  defaultSelected?: boolean;
}) {
  return (
    <Checkbox className="check-option" name={name} defaultSelected={defaultSelected ?? false}>
      {label}
    </Checkbox>
  );
}

/** A delete (or remove) that asks once more before it acts. */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  isPending,
}: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  isPending?: boolean;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button className="button secondary danger" onPress={() => setAsking(true)}>
        {label}
      </Button>
    );
  return (
    <span className="confirm">
      <Button
        className="button primary danger"
        isPending={isPending ?? false}
        onPress={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      <Button className="button secondary" onPress={() => setAsking(false)}>
        {t('form.cancel')}
      </Button>
    </span>
  );
}
