import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ForbiddenError } from '@sello/core/errors';
import type {
  LegacyRecipientAccount,
  OnboardingKey,
  RecipientAccount,
  RecipientMigrationStore,
  RecipientRegistration,
  RecipientRepository,
} from '@sello/core/recipients';
import { keys, withoutKeys } from '../dynamo/keys.ts';
import {
  absent,
  batchWrite,
  type Cancellation,
  fromItem,
  getItem,
  TableAdapter,
  transactWrite,
} from '../dynamo/toolkit/index.ts';

/** The account item: the domain's fields, without a password hash of any kind. */
const accountItem = (account: RecipientAccount) => ({
  ...keys.recipient(account.taxId),
  type: 'recipient',
  ...account,
});

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

  async getByUser(userId: string): Promise<RecipientAccount | undefined> {
    const item = await getItem(this.db, this.table, keys.recipientUser(userId));
    if (!item) return undefined;
    const account = await this.getByTaxId(item.taxId as string);
    return account?.userId === userId ? account : undefined;
  }

  /** See RecipientRepository.register: five writes, all or none. */
  async register({ account, emailKey, issuerKey, at }: RecipientRegistration): Promise<void> {
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
        create(accountItem(account)),
        create({
          ...keys.recipientEmail(account.email),
          type: 'recipientEmail',
          taxId: account.taxId,
          recipientId: account.id,
        }),
        create(userItem(account.userId, account.taxId, account.id)),
      ],
      registrationRefused,
    );
  }
}

const userItem = (userId: string, taxId: string, recipientId: string) => ({
  ...keys.recipientUser(userId),
  type: 'recipientUser',
  taxId,
  recipientId,
});

/**
 * Why a registration transaction was cancelled, from the reason DynamoDB gives per item (same
 * order as TransactItems). An account that now exists wins over a spent key: a concurrent twin
 * registered first. A transaction conflict means a twin is writing the same items right now.
 */
function registrationRefused(why: Cancellation): Error | undefined {
  if (why.failed(2) || why.failed(4) || why.codes.includes('TransactionConflict')) {
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

/**
 * The one-off move of recipients to Cognito. It scans the table (run once by an operator, not on
 * any request path) for accounts that still carry Sello's own password hash and for Sello's own
 * session items (`type = 'session'`).
 */
export class DynamoRecipientMigrationStore extends TableAdapter implements RecipientMigrationStore {
  private async *scan(filter: string, values: Record<string, unknown>) {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: filter,
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: values,
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      yield* out.Items ?? [];
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async legacyAccounts(): Promise<LegacyRecipientAccount[]> {
    const accounts: LegacyRecipientAccount[] = [];
    for await (const item of this.scan(
      '#type = :recipient AND attribute_exists(passwordHash) AND attribute_not_exists(userId)',
      { ':recipient': 'recipient' },
    )) {
      const { type: _type, passwordHash: _hash, ...account } = withoutKeys(item);
      accounts.push(account as unknown as LegacyRecipientAccount);
    }
    return accounts;
  }

  async adopt(account: LegacyRecipientAccount, userId: string): Promise<boolean> {
    const adoptedMeanwhile = new Error('adopted meanwhile');
    try {
      await transactWrite(
        this.db,
        [
          {
            Update: {
              TableName: this.table,
              Key: keys.recipient(account.taxId),
              UpdateExpression: 'SET userId = :user REMOVE passwordHash',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(userId)',
              ExpressionAttributeValues: { ':user': userId },
            },
          },
          {
            Put: {
              TableName: this.table,
              Item: userItem(userId, account.taxId, account.id),
              ...absent,
            },
          },
        ],
        (why) => (why.contended ? adoptedMeanwhile : undefined),
      );
      return true;
    } catch (error) {
      if (error === adoptedMeanwhile) return false;
      throw error;
    }
  }

  async deleteLegacySessions(): Promise<number> {
    const doomed: { pk: string; sk: string }[] = [];
    for await (const item of this.scan('#type = :session', { ':session': 'session' })) {
      doomed.push({ pk: item.pk as string, sk: item.sk as string });
    }
    await batchWrite(
      this.db,
      this.table,
      doomed.map((key) => ({ DeleteRequest: { Key: key } })),
    );
    return doomed.length;
  }
}
