import * as core from '@sello/core/deposits';
import { systemClock, ulidIds } from '@sello/core/ports';
import { repositories } from './repositories.ts';

/** The deposits' operations, each on what it needs. */
const r = () => repositories();

export const importDeposits = () =>
  core.importDeposits({
    deposits: r().deposits,
    customers: r().customers,
    clock: systemClock,
    ids: ulidIds,
  });

export const getDeposit = () => core.getDeposit({ deposits: r().deposits });

export const listDeposits = () => core.listDeposits({ deposits: r().deposits });
