import { useTranslation } from 'react-i18next';
import type { ChangeRequest, ChangeRequestStatus } from './queries.ts';

/** Where a request stands, in words (the colour only repeats it). */
export function RequestStatusBadge({ status }: { status: ChangeRequestStatus }) {
  const { t } = useTranslation();
  const tone =
    status === 'done' ? ' status-issued' : status === 'declined' ? ' status-cancelled' : '';
  return <span className={`badge${tone}`}>{t(`changeRequests.status.${status}`)}</span>;
}

/** Who asked or acted: staff (with its e-mail), the API, or the customer. */
export function useActorLabel() {
  const { t } = useTranslation();
  return (by: ChangeRequest['requestedBy']) =>
    by.email
      ? `${t(`changeRequests.by.${by.kind}`)} · ${by.email}`
      : t(`changeRequests.by.${by.kind}`);
}
