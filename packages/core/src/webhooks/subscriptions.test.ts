import { describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../errors.ts';
import type { WebhookSubscription, WebhookSubscriptionRepository } from './model.ts';
import { rotateWebhookSecret, updateWebhook } from './subscriptions.ts';

const sealed = (text: string) => ({
  v: 1 as const,
  keyId: 'local',
  encryptedKey: 'k',
  iv: 'i',
  tag: 't',
  ciphertext: text,
});

/** One stored subscription with the repository's versioned write; `interfere` writes first. */
function store() {
  let item: WebhookSubscription = {
    id: 'whk_1',
    tenantId: 'ten_1',
    url: 'https://erp.example/hooks',
    events: ['invoice.issued'],
    secret: sealed('first'),
    createdAt: '2026-12-01T00:00:00.000Z',
  };
  const state = { interfere: 0, writes: 0 };
  const subscriptions: Pick<WebhookSubscriptionRepository, 'get' | 'update'> = {
    async get(tenantId, id) {
      return tenantId === item.tenantId && id === item.id ? structuredClone(item) : undefined;
    },
    async update(next) {
      if (state.interfere > 0) {
        state.interfere--;
        item = { ...item, description: 'someone else', version: (item.version ?? 1) + 1 };
      }
      if ((item.version ?? 1) !== (next.version ?? 1) - 1) {
        throw new PreconditionFailedError('changed meanwhile');
      }
      state.writes++;
      item = structuredClone(next);
    },
  };
  return { subscriptions, state, current: () => item };
}

const clock = { now: () => new Date('2026-12-07T10:00:00.000Z') };
const policy = { allowLocalHttp: false, requirePublicAddresses: false };
const resolveHost = async () => ['203.0.113.7'];

describe('updateWebhook', () => {
  it('reapplies the patch over a change stored meanwhile when the caller sent no If-Match', async () => {
    const { subscriptions, state, current } = store();
    state.interfere = 1;
    const update = updateWebhook({ subscriptions, clock, urlPolicy: policy, resolveHost });
    const next = await update('ten_1', 'whk_1', { url: 'https://erp.example/v2' });
    expect(next).toMatchObject({ url: 'https://erp.example/v2', version: 3 });
    // The other writer's change survives: the patch went over it, not under.
    expect(current()).toMatchObject({ url: 'https://erp.example/v2', description: 'someone else' });
  });

  it('answers a lost race to a caller that sent If-Match, and gives up after a few races', async () => {
    const { subscriptions, state } = store();
    const update = updateWebhook({ subscriptions, clock, urlPolicy: policy, resolveHost });
    state.interfere = 1;
    await expect(update('ten_1', 'whk_1', { description: 'x' }, 1)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    state.interfere = 10;
    await expect(update('ten_1', 'whk_1', { description: 'x' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(state.writes).toBe(0);
  });
});

describe('rotateWebhookSecret', () => {
  it('seals the secret it answers with, bound to the subscription, after a lost race too', async () => {
    const { subscriptions, state, current } = store();
    state.interfere = 1;
    const rotate = rotateWebhookSecret({
      subscriptions,
      clock,
      secrets: { seal: async (secret, context) => sealed(`${context.subscriptionId}:${secret}`) },
    });
    const { secret, subscription } = await rotate('ten_1', 'whk_1');
    expect(secret).toMatch(/^whsec_/);
    expect(current().secret.ciphertext).toBe(`whk_1:${secret}`);
    expect(subscription.version).toBe(3);
  });
});
