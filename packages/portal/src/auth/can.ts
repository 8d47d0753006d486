import { type Operation, ROUTE_ROLES } from '../api/roles.ts';
import type { Session } from './store.ts';

/**
 * What a registered recipient may call: its inbox (the route table's `inbox` routes, which take
 * its token), its movements as a customer of its suppliers (the `session` routes under
 * `/v1/recipients/me/suppliers`) and its own account. Everything else answers its token 403.
 */
export const recipientMay = (operation: string): boolean =>
  /^(GET|POST) \/v1\/inbox(\/|$)/.test(operation) ||
  /^(GET|POST|PATCH) \/v1\/recipients\/me\/suppliers(\/|$)/.test(operation) ||
  operation === 'GET /v1/recipients/me';

/**
 * Whether the session may call an operation (`'POST /v1/invoices/{id}/issue'`), by the roles the
 * route table gives it: the portal hides what the API would refuse with 403. An API key acts for
 * the whole tenant; the API still decides.
 */
export function can(session: Session, operation: Operation): boolean {
  if (session.status === 'apiKey') return true;
  if (session.status === 'recipient') return recipientMay(operation);
  if (session.status !== 'staff') return false;
  return (ROUTE_ROLES[operation] as readonly string[]).includes(session.user.role);
}
