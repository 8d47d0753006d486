import { useTranslation } from 'react-i18next';
import type { InboxStatus } from './queries.ts';

/** Where an invoice stands for its buyer, in words (the colour only repeats it). */
export function StatusBadge({ status }: { status: InboxStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`inbox-status inbox-status-${status}`}>{t(`inbox.statuses.${status}`)}</span>
  );
}
