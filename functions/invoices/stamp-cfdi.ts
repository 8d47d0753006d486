import { stampInvoice } from '@sello/app/cfdi';
import { StampCfdiEvent, triggered } from '@sello/contracts';
import { PacRejectedError, PacUnavailableError } from '@sello/core/ports';
import { jobHandler } from '@sello/http';

const stamp = stampInvoice();

/**
 * Stamps one numbered Mexican invoice for a caller that may not (a public route). Its answer is
 * the stamp's state: an unreachable PAC leaves it pending for the post-issue step, a refusal is
 * answered with the PAC's code for the caller to tell the buyer.
 */
export const handler = jobHandler(
  triggered.stampCfdi,
  StampCfdiEvent,
  async ({ tenantId, invoiceId }) => {
    try {
      const invoice = await stamp(tenantId, invoiceId);
      return { status: 'stamped' as const, uuid: invoice.cfdi?.uuid };
    } catch (error) {
      if (error instanceof PacUnavailableError) return { status: 'pending' as const };
      if (error instanceof PacRejectedError) {
        return { status: 'refused' as const, code: error.pacCode, message: error.message };
      }
      throw error;
    }
  },
);
