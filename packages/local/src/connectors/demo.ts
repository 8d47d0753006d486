import { putConnectorCredentials } from '@sello/app/connectors';
import { repositories } from '@sello/app/platform';
import type { FakeInsurerUser } from './insurer-platform-fake.ts';

/**
 * The demo owner's account on the local fake insurer platform: not a secret (it opens nothing
 * but the fake), printed at start and written to local.json under `connectors`.
 */
export const DEMO_INSURER_USER: FakeInsurerUser = {
  username: 'taller.demo',
  password: 'demo-insurer-platform',
  taxIds: ['B12345674'],
};

/**
 * Gives the demo owner working credentials for the insurer platform (the fake's demo account,
 * under the demo tenant's tax id), through the same use case as the profile's PUT: sealed, never
 * readable. Credentials the owner set themselves are kept.
 */
export async function ensureDemoConnectorCredentials(tenantId: string, ownerEmail: string) {
  const member = await repositories().memberships.findByEmail(ownerEmail);
  if (!member || member.tenantId !== tenantId) return undefined;
  const owner = { tenantId, userId: member.userId };
  const existing = await repositories().connectorCredentials.get(
    tenantId,
    member.userId,
    'insurer-platform',
  );
  const taxId = DEMO_INSURER_USER.taxIds[0]!;
  if (!existing) {
    await putConnectorCredentials()(owner, 'insurer-platform', {
      username: DEMO_INSURER_USER.username,
      password: DEMO_INSURER_USER.password,
      taxId,
    });
  }
  return { username: DEMO_INSURER_USER.username, password: DEMO_INSURER_USER.password, taxId };
}
