import { systemClock, ulidIds } from '@sello/core/ports';
import * as core from '@sello/core/tickets';
import { repositories } from './repositories.ts';

/** The tickets' operations, each on what it needs. */
const r = () => repositories();

export const importTickets = () =>
  core.importTickets({ tickets: r().tickets, clock: systemClock, ids: ulidIds });

export const getTicket = () => core.getTicket({ tickets: r().tickets });

export const listTickets = () => core.listTickets({ tickets: r().tickets });
