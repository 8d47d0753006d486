import { submitVerifactuRecords } from '@sello/app/verifactu';
import { ENV, ScheduledEvent, triggered } from '@sello/contracts';
import { jobHandler, logger } from '@sello/http';

const sweep = submitVerifactuRecords();

export const handler = jobHandler(
  triggered.submitVerifactuRecords,
  ScheduledEvent,
  async ({ scheduledTime }) => {
    if (!sweep) {
      logger.warn(`${ENV.verifactuSubmitter} is not set: VERI*FACTU records are not sent`);
      return { skipped: true };
    }
    const summary = await sweep(new Date(scheduledTime));
    // Faults leave records pending; they are worth a warning, not a failed run. The fault goes
    // whole as `error`: Powertools drops a `message` attribute (a reserved key) but writes an
    // Error with its message, faultCode and cause.
    for (const o of summary.outcomes) {
      if (o.outcome === 'fault') {
        logger.warn('VERI*FACTU submission fault', { tenantId: o.tenantId, error: o.error });
      }
    }
    const { outcomes, ...counts } = summary;
    logger.info('VERI*FACTU records sent', counts);
    return {
      ...counts,
      outcomes: outcomes.map((o) => ({
        tenantId: o.tenantId,
        outcome: o.outcome,
        batches: o.batches.map((b) => ({ id: b.id, records: b.results.length, csv: b.csv })),
      })),
    };
  },
);
