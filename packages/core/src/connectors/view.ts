import type { Forwarding } from './model.ts';

/** An invoice's forwarding entry as the API shows it (the run's lease stays inside). */
export const forwardingView = (f: Forwarding) => {
  const { leaseUntil: _internal, ...shown } = f;
  return shown;
};
