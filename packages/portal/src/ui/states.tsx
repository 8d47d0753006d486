import type { ReactNode } from 'react';
import { Button, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem.ts';
import { problemMessage } from '../api/problem-messages.ts';

/** Something is on its way: announced, and shown as a bar once it takes a moment. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <ProgressBar className="loading" isIndeterminate aria-label={label ?? t('states.loading')}>
      <span className="loading-bar" aria-hidden="true" />
      <span className="loading-label">{label ?? t('states.loading')}</span>
    </ProgressBar>
  );
}

/** Nothing to show yet, and what to do about it. */
export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <p>{children}</p>
      {action}
    </div>
  );
}

/** What the API or the network said, in words, from a thrown error. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError)
      return (error.problem && problemMessage(error.problem, t)) ?? t('states.error');
    // fetch rejects with a TypeError when the server cannot be reached.
    if (error instanceof TypeError) return t('states.network');
    return t('states.error');
  };
}

/** A load failed: why, and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage()(error);
  return (
    <div className="error-state" role="alert">
      <p>
        <strong>{t('states.error')}</strong> {message === t('states.error') ? null : message}
      </p>
      {onRetry ? (
        <Button className="button secondary" onPress={onRetry}>
          {t('states.retry')}
        </Button>
      ) : null}
    </div>
  );
}
