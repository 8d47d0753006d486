import { runForwarding } from '@sello/app/connectors';
import { ForwardJobEvent, triggered } from '@sello/contracts';
import { jobHandler } from '@sello/http';

const run = runForwarding();

/**
 * One forwarding attempt, handed over by the forward route. A second delivery of the same event
 * finds the attempt taken or settled and does nothing; the platform's answer, whatever it is, is
 * an outcome written on the invoice, so only the platform's own faults throw (and are retried).
 */
export const handler = jobHandler(triggered.runForwarding, ForwardJobEvent, (job) => run(job));
