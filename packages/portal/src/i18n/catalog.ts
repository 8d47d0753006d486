import type { accountMessages } from '../areas/account/messages.ts';
import type { catalogMessages } from '../areas/catalog/messages.ts';
import type { changeRequestsMessages } from '../areas/change-requests/messages.ts';
import type { claimsMessages } from '../areas/claims/messages.ts';
import type { customersMessages } from '../areas/customers/messages.ts';
import type { depositsMessages } from '../areas/deposits/messages.ts';
import type { homeMessages } from '../areas/home/messages.ts';
import type { inboxMessages } from '../areas/inbox/messages.ts';
import type { invoicesMessages } from '../areas/invoices/messages.ts';
import type { movementsMessages } from '../areas/movements/messages.ts';
import type { profileMessages } from '../areas/profile/messages.ts';
import type { registerMessages } from '../areas/register/messages.ts';
import type { selfInvoicingMessages } from '../areas/self-invoicing/messages.ts';
import type { settingsMessages } from '../areas/settings/messages.ts';
import type { signUpMessages } from '../areas/sign-up/messages.ts';
import type { tasksMessages } from '../areas/tasks/messages.ts';
import type { ticketsMessages } from '../areas/tickets/messages.ts';
import type { usersMessages } from '../areas/users/messages.ts';
import type { workOrdersMessages } from '../areas/work-orders/messages.ts';
import type { commonMessages } from './messages/common.ts';
import type { es } from './messages/es.ts';

/**
 * Every string the portal may look up: the core catalog (bundled with the shell) and each area's
 * own (loaded with its pages, see routes.tsx). Types only: nothing here is bundled.
 */
export type Catalog = typeof es &
  (typeof commonMessages)['es'] & {
    invoices: (typeof invoicesMessages)['es'];
    catalog: (typeof catalogMessages)['es'];
    // Its own strings add to the `customers.*` of the shell's catalog.
    customers: (typeof customersMessages)['es'];
    deposits: (typeof depositsMessages)['es'];
    claims: (typeof claimsMessages)['es'];
    tasks: (typeof tasksMessages)['es'];
    tickets: (typeof ticketsMessages)['es'];
    changeRequests: (typeof changeRequestsMessages)['es'];
    workOrders: (typeof workOrdersMessages)['es'];
    settings: (typeof settingsMessages)['es'];
    users: (typeof usersMessages)['es'];
    profile: (typeof profileMessages)['es'];
    inbox: (typeof inboxMessages)['es'];
    movements: (typeof movementsMessages)['es'];
    register: (typeof registerMessages)['es'];
    selfInvoicing: (typeof selfInvoicingMessages)['es'];
    account: (typeof accountMessages)['es'];
    signUp: (typeof signUpMessages)['es'];
    home: (typeof homeMessages)['es'];
  };
