import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  ConflictError,
  ForbiddenError,
  type OnboardingKey,
  type RecipientAccount,
  type RecipientRegistration,
  type RecipientRepository,
  type RecipientSession,
  type RecipientSessionRepository,
} from '@sello/core';
import { keys, withoutKeys } from '../dynamo/keys.ts';

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

export class DynamoRecipientRepository implements RecipientRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async getByTaxId(taxId: string): Promise<RecipientAccount | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.recipient(taxId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { type: _type, ...account } = withoutKeys(Item);
    return account as unknown as RecipientAccount;
  }

  async findByEmail(email: string): Promise<RecipientAccount | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.recipientEmail(email),
        ConsistentRead: true,
      }),
    );
    return Item ? this.getByTaxId(Item.taxId as string) : undefined;
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
      Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
    });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
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
        }),
      );
    } catch (e) {
      if (e instanceof TransactionCanceledException) throw registrationRefused(e);
      throw e;
    }
  }
}

/**
 * Why a registration transaction was cancelled, from the reason DynamoDB gives per item (same
 * order as TransactItems). An account that now exists wins over a spent key: a concurrent twin
 * registered first. A transaction conflict means a twin is writing the same items right now.
 */
function registrationRefused(e: TransactionCanceledException): Error {
  const codes = (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  const failed = (i: number) => codes[i] === 'ConditionalCheckFailed';
  if (failed(2) || codes.includes('TransactionConflict')) {
    return new ConflictError(
      'This tax id was registered by a concurrent request; sign in instead',
      [{ path: 'taxId', message: 'Already registered' }],
    );
  }
  if (failed(3)) {
    return new ConflictError('Another account signs in with this e-mail', [
      { path: 'email', message: 'Already used by another account' },
    ]);
  }
  const keys = [
    ...(failed(0)
      ? [{ path: 'emailKey', message: 'This key was used, revoked or expired meanwhile' }]
      : []),
    ...(failed(1)
      ? [{ path: 'issuerKey', message: 'This key was used, revoked or expired meanwhile' }]
      : []),
  ];
  if (keys.length)
    return new ForbiddenError('The onboarding keys do not allow this registration', keys);
  return e;
}

export class DynamoRecipientSessionRepository implements RecipientSessionRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(session: RecipientSession): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: sessionItem(session),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findByHash(hash: string): Promise<RecipientSession | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.session(hash) }),
    );
    if (!Item) return undefined;
    const { type: _type, validUntil, ...rest } = withoutKeys(Item);
    return { ...rest, expiresAt: validUntil } as unknown as RecipientSession;
  }
}
