import { ConflictError, ForbiddenError } from '@sello/core/errors';
import type {
  OnboardingKey,
  RecipientAccount,
  RecipientRegistration,
  RecipientRepository,
  RecipientSession,
  RecipientSessionRepository,
} from '@sello/core/recipients';
import { keys, withoutKeys } from '../dynamo/keys.ts';
import {
  absent,
  type Cancellation,
  fromItem,
  getItem,
  putNew,
  TableAdapter,
  transactWrite,
} from '../dynamo/toolkit/index.ts';

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function sessionItem(s: RecipientSession) {
  const { expiresAt, ...rest } = s;
  return {
    ...keys.session(s.hash),
    type: 'session',
    ...rest,
    validUntil: expiresAt,
    // TTL: DynamoDB deletes it within days of expiry; reads check `validUntil` meanwhile.
    expiresAt: epoch(expiresAt),
  };
}

export class DynamoRecipientRepository extends TableAdapter implements RecipientRepository {
  async getByTaxId(taxId: string): Promise<RecipientAccount | undefined> {
    const item = await getItem(this.db, this.table, keys.recipient(taxId), { consistent: true });
    return item && fromItem<RecipientAccount>(item);
  }

  async findByEmail(email: string): Promise<RecipientAccount | undefined> {
    const item = await getItem(this.db, this.table, keys.recipientEmail(email), {
      consistent: true,
    });
    return item ? this.getByTaxId(item.taxId as string) : undefined;
  }

  /** See RecipientRepository.register: five writes, all or none. */
  async register({
    account,
    session,
    emailKey,
    issuerKey,
    at,
  }: RecipientRegistration): Promise<void> {
    const consume = (key: OnboardingKey) => ({
      Update: {
        TableName: this.table,
        Key: keys.onboardingKey(key.hash),
        UpdateExpression: 'SET usedAt = :at, recipientId = :recipient',
        ConditionExpression:
          'attribute_exists(pk) AND kind = :kind AND taxId = :taxId AND validUntil > :at ' +
          'AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: {
          ':at': at,
          ':recipient': account.id,
          ':kind': key.kind,
          ':taxId': account.taxId,
        },
      },
    });
    const create = (item: Record<string, unknown>) => ({
      Put: { TableName: this.table, Item: item, ...absent },
    });
    await transactWrite(
      this.db,
      [
        consume(emailKey),
        consume(issuerKey),
        create({ ...keys.recipient(account.taxId), type: 'recipient', ...account }),
        create({
          ...keys.recipientEmail(account.email),
          type: 'recipientEmail',
          taxId: account.taxId,
          recipientId: account.id,
        }),
        create(sessionItem(session)),
      ],
      registrationRefused,
    );
  }
}

/**
 * Why a registration transaction was cancelled, from the reason DynamoDB gives per item (same
 * order as TransactItems). An account that now exists wins over a spent key: a concurrent twin
 * registered first. A transaction conflict means a twin is writing the same items right now.
 */
function registrationRefused(why: Cancellation): Error | undefined {
  if (why.failed(2) || why.codes.includes('TransactionConflict')) {
    return new ConflictError(
      'This tax id was registered by a concurrent request; sign in instead',
      [{ path: 'taxId', message: 'Already registered' }],
    );
  }
  if (why.failed(3)) {
    return new ConflictError('Another account signs in with this e-mail', [
      { path: 'email', message: 'Already used by another account' },
    ]);
  }
  const keys = [
    ...(why.failed(0)
      ? [{ path: 'emailKey', message: 'This key was used, revoked or expired meanwhile' }]
      : []),
    ...(why.failed(1)
      ? [{ path: 'issuerKey', message: 'This key was used, revoked or expired meanwhile' }]
      : []),
  ];
  if (keys.length)
    return new ForbiddenError('The onboarding keys do not allow this registration', keys);
  return undefined;
}

export class DynamoRecipientSessionRepository
  extends TableAdapter
  implements RecipientSessionRepository
{
  async create(session: RecipientSession): Promise<void> {
    await putNew(this.db, this.table, sessionItem(session));
  }

  async findByHash(hash: string): Promise<RecipientSession | undefined> {
    const item = await getItem(this.db, this.table, keys.session(hash));
    if (!item) return undefined;
    const { type: _type, validUntil, ...rest } = withoutKeys(item);
    return { ...rest, expiresAt: validUntil } as unknown as RecipientSession;
  }
}
