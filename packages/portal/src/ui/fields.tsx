import type { ReactNode } from 'react';
import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

export interface FieldProps {
  /** The form field's name: the API's dotted path (`address.city`), so its errors land here. */
  name: string;
  label: string;
  description?: string;
  isRequired?: boolean;
  defaultValue?: string;
}

/** A labelled text input with its hint and its error (from zod or the API's problem+json). */
export function TextInput({
  name,
  label,
  description,
  isRequired,
  defaultValue,
  type = 'text',
  autoComplete,
  inputMode,
  className,
}: FieldProps & {
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  inputMode?: 'text' | 'email';
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      className={`field ${className ?? ''}`}
      name={name}
      type={type}
      isRequired={isRequired}
      defaultValue={defaultValue ?? ''}
      {...(autoComplete ? { autoComplete } : {})}
      {...(inputMode ? { inputMode } : {})}
    >
      <Label>
        {label} {isRequired ? null : <span className="optional">{t('form.optional')}</span>}
      </Label>
      <Input className="input" />
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
    </TextField>
  );
}

/** A group of fields under a visible legend. */
export function FieldGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="field-group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/** Errors that belong to no field on the form (or the request as a whole). */
export function FormAlert({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="form-alert" role="alert">
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
