import { useEffect, useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/**
 * A secret the API shows once (an API key, a webhook's signing secret, an issuer key): in view,
 * with a warning and a copy button, until dismissed. It lives in this component's state only,
 * never in storage. Its heading takes the focus as it appears (whoever created it must see it
 * now), and what became of a copy is announced.
 */
export function SecretOnce({
  title,
  warning,
  label,
  secret,
  onDone,
}: {
  title: string;
  /** Why it must be kept now: it will not be shown again. */
  warning: string;
  /** What the secret is (API key), naming the value and described on the copy button. */
  label: string;
  secret: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="settings-secret" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} tabIndex={-1} ref={heading}>
        {title}
      </h3>
      <p>{warning}</p>
      <p className="settings-secret-label" id={`${id}-label`}>
        {label}
      </p>
      <output className="settings-secret-value mono" aria-labelledby={`${id}-label`}>
        {secret}
      </output>
      <div className="form-actions">
        <Button
          className="button secondary"
          aria-describedby={`${id}-label`}
          onPress={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopy('copied');
            } catch {
              setCopy('failed');
            }
          }}
        >
          {copy === 'copied' ? t('secret.copied') : t('secret.copy')}
        </Button>
        <Button className="button primary" onPress={onDone}>
          {t('secret.done')}
        </Button>
      </div>
      {/* Present from the start, so that assistive technology hears what is put in it. */}
      <p className="settings-copy-status" role="status" aria-live="polite">
        {copy === 'copied'
          ? t('secret.copiedNotice')
          : copy === 'failed'
            ? t('secret.copyFailed')
            : ''}
      </p>
    </section>
  );
}
