import { ConflictError } from '@sello/core/errors';
import type { Page, PageRequest } from '@sello/core/shared';
import type { Membership, MembershipRepository } from '@sello/core/staff';
import { keys } from '../dynamo/keys.ts';
import {
  absent,
  atVersion,
  type Cancellation,
  changedMeanwhile,
  fromItem,
  getItem,
  queryPage,
  TableAdapter,
  type TransactItem,
  transactWrite,
} from '../dynamo/toolkit/index.ts';

const memberItem = (m: Membership) => ({
  ...keys.member(m.userId),
  ...keys.memberOfTenant(m.tenantId, m.createdAt, m.userId),
  type: 'member',
  ...m,
});

const toMember = (item: Record<string, unknown>) => fromItem<Membership>(item);

const countsAsOwner = (m: Membership) => m.status === 'active' && m.role === 'owner';

/** The e-mail (or the user) is another member's already. */
export const alreadyMember = () =>
  new ConflictError('This person is already a member', [
    { path: 'email', message: 'Already a member' },
  ]);

const lastOwner = () =>
  new ConflictError('A tenant keeps at least one active owner: make another member owner first', [
    { path: 'role', message: 'The last active owner' },
  ]);

/**
 * Members in the single table. The tenant's count of active owners is kept in one item, changed
 * in the same transaction as the member, and never taken below one: that condition is what keeps
 * two concurrent removals from leaving a tenant without an owner.
 */
export class DynamoMembershipRepository extends TableAdapter implements MembershipRepository {
  async getByUser(userId: string): Promise<Membership | undefined> {
    const item = await getItem(this.db, this.table, keys.member(userId), { consistent: true });
    return item && toMember(item);
  }

  async findByEmail(email: string): Promise<Membership | undefined> {
    const guard = await getItem(this.db, this.table, keys.memberEmail(email), { consistent: true });
    return guard ? this.getByUser(guard.userId as string) : undefined;
  }

  list(tenantId: string, page: PageRequest): Promise<Page<Membership>> {
    return queryPage(
      this.db,
      { table: this.table, partition: keys.membersOfTenant(tenantId) },
      page,
      toMember,
    );
  }

  async create(member: Membership): Promise<void> {
    await transactWrite(this.db, this.creation(member), (why) =>
      why.failed(1) || why.failed(0) ? alreadyMember() : undefined,
    );
  }

  /**
   * The writes that add a member: its item, the guard of its e-mail and (for an active owner) the
   * owners' count. Items 0 and 1 fail when the member or the e-mail exists; a caller may put them
   * in a larger transaction (a sign-up writes its tenant with them).
   */
  creation(member: Membership): TransactItem[] {
    const items: TransactItem[] = [
      { Put: { TableName: this.table, Item: memberItem(member), ...absent } },
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.memberEmail(member.email),
            type: 'memberEmail',
            userId: member.userId,
            tenantId: member.tenantId,
          },
          ...absent,
        },
      },
    ];
    if (countsAsOwner(member)) items.push(this.owners(member.tenantId, +1));
    return items;
  }

  async update(previous: Membership, next: Membership): Promise<void> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: memberItem(next),
          ...atVersion(previous.version),
        },
      },
    ];
    const delta = Number(countsAsOwner(next)) - Number(countsAsOwner(previous));
    if (delta) items.push(this.owners(next.tenantId, delta));
    await transactWrite(this.db, items, (why) => this.refused(why, `User ${previous.userId}`));
  }

  async remove(member: Membership): Promise<void> {
    const items: TransactItem[] = [
      {
        Delete: {
          TableName: this.table,
          Key: keys.member(member.userId),
          ...atVersion(member.version),
        },
      },
      { Delete: { TableName: this.table, Key: keys.memberEmail(member.email) } },
    ];
    if (countsAsOwner(member)) items.push(this.owners(member.tenantId, -1));
    await transactWrite(this.db, items, (why) => this.refused(why, `User ${member.userId}`));
  }

  /** Counts one active owner in or out; out only while another one stays. */
  private owners(tenantId: string, delta: number): TransactItem {
    return delta > 0
      ? {
          Update: {
            TableName: this.table,
            Key: keys.activeOwners(tenantId),
            UpdateExpression: 'ADD owners :one SET #type = :type',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':one': 1, ':type': 'activeOwners' },
          },
        }
      : {
          Update: {
            TableName: this.table,
            Key: keys.activeOwners(tenantId),
            UpdateExpression: 'SET owners = owners - :one',
            ConditionExpression: 'owners > :one',
            ExpressionAttributeValues: { ':one': 1 },
          },
        };
  }

  /** The member's own item failed: it changed meanwhile; the owners' count: the last owner. */
  private refused(why: Cancellation, what: string): Error | undefined {
    if (why.failed(0)) return changedMeanwhile(what)();
    if (why.codes.slice(1).includes('ConditionalCheckFailed')) return lastOwner();
    return undefined;
  }
}
