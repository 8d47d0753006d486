import { type ChangeEvent, type ReactNode, useId, useState } from 'react';
import { Button, Checkbox, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldProblem } from '../../api/problem.ts';
import { useErrorMessage } from '../../ui/states.tsx';

/**
 * One yes/no setting. Controlled, because an unticked box is absent from the form's data and
 * the API must hear `false`; the form's `prepare` reads the value from here.
 */
export function CheckField({
  label,
  description,
  isSelected,
  onChange,
  isDisabled,
}: {
  label: string;
  description?: string;
  isSelected: boolean;
  onChange: (value: boolean) => void;
  isDisabled?: boolean;
}) {
  const hint = useId();
  return (
    <div className="field settings-check">
      <Checkbox
        className="settings-checkbox"
        isSelected={isSelected}
        onChange={onChange}
        {...(isDisabled ? { isDisabled } : {})}
        {...(description ? { 'aria-describedby': hint } : {})}
      >
        <span className="settings-box" aria-hidden="true" />
        {label}
      </Checkbox>
      {description ? (
        <Text id={hint} className="settings-hint">
          {description}
        </Text>
      ) : null}
    </div>
  );
}

/**
 * A list row's destructive action, asked twice: the button (named for its row), then the
 * question in its place with the same action to confirm and a way back.
 */
export function ConfirmAction({
  label,
  name,
  question,
  onConfirm,
}: {
  /** The visible verb (Revoke). */
  label: string;
  /** The accessible name, which says which row (Revoke key ERP). */
  name: string;
  question: string;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const id = useId();
  if (!asking)
    return (
      <Button
        className="button secondary compact"
        aria-label={name}
        onPress={() => setAsking(true)}
      >
        {label}
      </Button>
    );
  return (
    <fieldset className="settings-confirm" aria-labelledby={id}>
      <p id={id}>{question}</p>
      <div className="form-actions">
        <Button
          className="button danger compact"
          isPending={pending}
          // The question just replaced the button pressed: the focus goes on to its answer.
          autoFocus
          onPress={async () => {
            setPending(true);
            try {
              await onConfirm();
            } finally {
              setPending(false);
              setAsking(false);
            }
          }}
        >
          {label}
        </Button>
        <Button className="button secondary compact" onPress={() => setAsking(false)}>
          {t('settings.cancel')}
        </Button>
      </div>
    </fieldset>
  );
}

/**
 * A refusal with the field errors the page knows put in its own words (`words` answers
 * undefined for the rest, which keep the API's): the API's field errors carry no code, only
 * their field and, with the status, that is sometimes enough to know what they mean.
 */
export function inPageWords(
  error: unknown,
  words: (status: number, problem: FieldProblem) => string | undefined,
): unknown {
  if (!(error instanceof ApiError) || !error.problem?.errors) return error;
  const errors = error.problem.errors.map((e) => {
    const known = words(error.status, e);
    return known ? { ...e, message: known } : e;
  });
  return new ApiError(error.status, { ...error.problem, errors });
}

/** What happened to the last action of a list (revoked, deleted, or why it failed). */
export function useActionOutcome() {
  const message = useErrorMessage();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  return {
    outcome,
    done: (text: string) => setOutcome({ ok: true, text }),
    failed: (error: unknown) => setOutcome({ ok: false, text: message(error) }),
    clear: () => setOutcome(null),
  };
}

export function ActionOutcome({ outcome }: { outcome: { ok: boolean; text: string } | null }) {
  return (
    <>
      <p className="notice" role="status">
        {outcome?.ok ? outcome.text : ''}
      </p>
      {outcome && !outcome.ok ? (
        <div className="form-alert" role="alert">
          <p>{outcome.text}</p>
        </div>
      ) : null}
    </>
  );
}

/** Label/value pairs of a record (a certificate, the company). */
export function Details({ rows }: { rows: ReadonlyArray<[string, ReactNode]> }) {
  return (
    <dl className="settings-details">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A section of the settings page: its h2, what it is about, then its content. */
export function Section({
  title,
  intro,
  children,
}: {
  title: string;
  intro: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="settings-intro">{intro}</p>
      {children}
    </section>
  );
}

/**
 * A choice among a code list (SAT's régimen, the tenant's series): the browser's own select,
 * light beside React Aria's and the phone's native picker for a long list, with its hint and
 * its error (the form's `errors[name]`) as the other fields have them.
 */
export function NativeSelect({
  name,
  label,
  description,
  options,
  defaultValue,
  placeholder,
  error,
  lang,
}: {
  name: string;
  label: string;
  description?: string;
  options: ReadonlyArray<readonly [string, string]>;
  defaultValue?: string | undefined;
  /** The first option, of value '': "choose one" or what no choice means. */
  placeholder?: { label: string; selectable: boolean };
  error: string | undefined;
  /** The options' language, when it is not the page's (SAT's names are Mexican Spanish). */
  lang?: string;
}) {
  const id = useId();
  const described = [description ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
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
        aria-invalid={error ? true : undefined}
        {...(described ? { 'aria-describedby': described } : {})}
      >
        {placeholder ? (
          <option value="" disabled={!placeholder.selectable}>
            {placeholder.label}
          </option>
        ) : null}
        {options.map(([code, text]) => (
          <option key={code} value={code} {...(lang ? { lang } : {})}>
            {text}
          </option>
        ))}
      </select>
      {description ? (
        <span id={`${id}-hint`} className="settings-hint">
          {description}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/**
 * A file to upload with a form: the native input, named by the field's label, stays the control
 * (keyboard and screen readers reach it); the browser's own button, in the browser's language, is
 * replaced by a label in the portal's. `name` is the API's field, whose error shows here.
 */
export function FileField({
  name,
  label,
  description,
  accept,
  fileName,
  error,
  onChange,
}: {
  name: string;
  label: string;
  description?: string;
  accept: string;
  fileName: string | undefined;
  error: string | undefined;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <span id={`${id}-label`} className="settings-label">
        {label}
      </span>
      <div className="settings-file">
        <input
          id={id}
          className="settings-file-input"
          type="file"
          name={name}
          accept={accept}
          aria-labelledby={`${id}-label`}
          aria-describedby={[
            `${id}-name`,
            description ? `${id}-hint` : '',
            error ? `${id}-error` : '',
          ]
            .filter(Boolean)
            .join(' ')}
          aria-invalid={error ? true : undefined}
          onChange={onChange}
        />
        <label htmlFor={id} className="button secondary compact" aria-hidden="true">
          {t('settings.certificate.choose')}
        </label>
        <span id={`${id}-name`} className="settings-file-name">
          {fileName ?? t('settings.certificate.noFile')}
        </span>
      </div>
      {description ? (
        <span id={`${id}-hint`} className="settings-hint">
          {description}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
