import { ConflictError } from '@sello/core/errors';
import type { Membership } from '@sello/core/staff';
import type { SignUpRepository, Tenant } from '@sello/core/tenants';
import { keys } from '../dynamo/keys.ts';
import { absent, TableAdapter, transactWrite } from '../dynamo/toolkit/index.ts';
import { alreadyMember, DynamoMembershipRepository } from './membership-repository.ts';

/**
 * A signed-up tenant and its owner in one transaction: the tenant item, then the member's items
 * as DynamoMembershipRepository writes them. Either all are written or none.
 */
export class DynamoSignUpRepository extends TableAdapter implements SignUpRepository {
  async createWithOwner(tenant: Tenant, owner: Membership): Promise<void> {
    const tenantItem = { ...keys.tenant(tenant.id), type: 'tenant', ...tenant };
    const member = new DynamoMembershipRepository(this.db, this.table).creation(owner);
    await transactWrite(
      this.db,
      [{ Put: { TableName: this.table, Item: tenantItem, ...absent } }, ...member],
      (why) => {
        if (why.failed(0)) return new ConflictError(`Tenant ${tenant.id} already exists`);
        if (why.failed(1) || why.failed(2)) return alreadyMember();
        return undefined;
      },
    );
  }
}
