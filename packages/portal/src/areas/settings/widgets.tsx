import { type ReactNode, useId, useState } from 'react';
import { Button, Checkbox, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
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
