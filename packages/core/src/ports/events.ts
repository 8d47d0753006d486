/** What ERPs can subscribe to (webhooks) and what the platform reacts to after a commit. */
export const DOMAIN_EVENT_TYPES = [
  'invoice.issued',
  'invoice.delivered',
  'invoice.status_changed',
  'import.completed',
  'change_request.created',
  'change_request.resolved',
  'invoice.forwarded',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

export interface DomainEvent {
  /** Deterministic (e.g. `invoice.issued:<invoiceId>`), so publishing twice delivers once. */
  id: string;
  type: DomainEventType;
  /** The tenant whose subscribers hear of it. */
  tenantId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** Hands committed facts to whoever listens (webhook deliveries); never part of a transaction. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}
