// Schemas of the webhooks area (webhook subscriptions and deliveries).
import type { DomainEventType } from '@sello/core/ports';
import * as z from 'zod';
import { Instant } from './common.ts';

/** Core's DOMAIN_EVENT_TYPES, spelled out so contracts stay free of runtime imports from core. */
const WEBHOOK_EVENT_TYPES = [
  'invoice.issued',
  'invoice.delivered',
  'invoice.status_changed',
  'import.completed',
  'change_request.created',
  'change_request.resolved',
  'invoice.forwarded',
] as const satisfies readonly DomainEventType[];
// Fails to compile when core gains an event type this list lacks.
type Missing = Exclude<DomainEventType, (typeof WEBHOOK_EVENT_TYPES)[number]>;
const _complete: [Missing] extends [never] ? true : never = true;

export const WebhookEventType = z
  .enum(WEBHOOK_EVENT_TYPES)
  .describe('What happened; the `Sello-Event` header and the body `type` carry it')
  .meta({ id: 'WebhookEventType' });

export const WebhookInput = z
  .object({
    url: z
      .string()
      .trim()
      .min(1)
      .max(2048)
      .describe(
        'Receives the events: https only, and a public address (not private, loopback or link-local)',
      ),
    events: z
      .array(WebhookEventType)
      .min(1)
      .max(WEBHOOK_EVENT_TYPES.length * 2)
      .describe('Event types to receive'),
    description: z.string().trim().max(200).optional(),
  })
  .strict()
  .meta({ id: 'WebhookInput' });

export const WebhookPatch = z
  .object({
    url: WebhookInput.shape.url,
    events: WebhookInput.shape.events,
    description: WebhookInput.shape.description.unwrap().nullable().describe('null removes it'),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: 'Give at least one field to change',
    when: (payload) => payload.issues.length === 0,
  })
  .describe(
    'Merge patch: absent fields stay. The URL is checked as on creation; the secret stays (see rotate-secret)',
  )
  .meta({ id: 'WebhookPatch' });

export const Webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(WebhookEventType),
    description: z.string().optional(),
    createdAt: Instant,
  })
  .meta({ id: 'Webhook' });

export const WebhookCreated = Webhook.extend({
  secret: z
    .string()
    .describe(
      'Signing secret (`whsec_…`), shown only in this answer: keep it to verify `Sello-Signature`',
    ),
}).meta({ id: 'WebhookCreated' });

export const WebhookDeliveryAttempt = z
  .object({
    attempt: z.number().int().describe('1 for the first POST'),
    at: Instant,
    durationMs: z.number().int(),
    statusCode: z.number().int().optional().describe("The receiver's HTTP status, if it answered"),
    error: z.string().optional().describe('Why the attempt did not count as delivered'),
    nextAttemptAt: Instant.optional().describe('When it is tried again, if it is'),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });

export const WebhookDelivery = z
  .object({
    id: z.string().describe('The `Sello-Delivery` header: the same on every retry'),
    subscriptionId: z.string(),
    eventId: z.string().describe('The body `id`: receivers process each once'),
    eventType: WebhookEventType,
    status: z
      .enum(['pending', 'delivered', 'failed', 'cancelled'])
      .describe(
        '`failed`: every attempt failed; `cancelled`: the subscription was deleted before delivery',
      ),
    attempts: z.number().int(),
    lastAttemptAt: Instant.optional(),
    lastStatusCode: z.number().int().optional(),
    lastError: z.string().optional(),
    nextAttemptAt: Instant.optional().describe('While pending: when the next attempt is due'),
    deliveredAt: Instant.optional(),
    history: z.array(WebhookDeliveryAttempt).describe('Every attempt, oldest first'),
    createdAt: Instant,
  })
  .meta({ id: 'WebhookDelivery' });
