import { type Operation, ROUTE_ROLES } from '../api/roles.ts';
import type { Session } from './store.ts';

/**
 * Whether the session may call an operation (`'POST /v1/invoices/{id}/issue'`), by the roles the
 * route table gives it: the portal hides what the API would refuse with 403. An API key acts for
 * the whole tenant; the API still decides.
 */
export function can(session: Session, operation: Operation): boolean {
  if (session.status === 'apiKey') return true;
  if (session.status !== 'staff') return false;
  return (ROUTE_ROLES[operation] as readonly string[]).includes(session.user.role);
}
