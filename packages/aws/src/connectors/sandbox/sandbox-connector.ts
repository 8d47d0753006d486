import { createHash } from 'node:crypto';
import type { Connector, ForwardRequest, ForwardResult } from '@sello/core/connectors';

/**
 * The sandbox connector: a receiving platform that lives inside Sello, for trying forwarding on
 * any stage without an account anywhere. It takes the signed Facturae and answers a registry
 * number derived from the invoice (`SBX-<year>-<10 digits>`), so forwarding the same invoice
 * again, or on another run, answers the same number. It refuses a document that is not a
 * Facturae (`SBX-NOT-FACTURAE`), the one refusal there is to try.
 */
export class SandboxConnector implements Connector {
  readonly id = 'sandbox' as const;
  readonly perUserCredentials = false;

  async forward({ invoice, document }: ForwardRequest): Promise<ForwardResult> {
    const text = new TextDecoder().decode(document.body.subarray(0, 4096));
    if (!/<(?:[\w-]+:)?Facturae[\s>]/.test(text)) {
      return {
        status: 'rejected',
        error: { code: 'SBX-NOT-FACTURAE', message: 'The sandbox takes a Facturae document only' },
      };
    }
    return {
      status: 'delivered',
      registryNumber: sandboxRegistryNumber(invoice.tenantId, invoice.id, invoice.issueDate),
      receiverStatus: 'registered',
    };
  }
}

/** The number the sandbox gives an invoice: the same for the same invoice, every time. */
export function sandboxRegistryNumber(tenantId: string, invoiceId: string, issueDate: string) {
  const digest = createHash('sha256').update(`${tenantId}:${invoiceId}`).digest();
  const digits = (digest.readBigUInt64BE(0) % 10_000_000_000n).toString().padStart(10, '0');
  return `SBX-${issueDate.slice(0, 4)}-${digits}`;
}
