import { setTimeout as sleep } from 'node:timers/promises';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '@sello/core/errors';
import type {
  ChainHead,
  RegistroAlta,
  RemedyRepository,
  RemedyTarget,
  StoredRecord,
} from '@sello/core/verifactu';
import { keys } from '../keys.ts';
import { Cancellation } from '../toolkit/index.ts';
import { chainItems, toStored } from './chain.ts';
import { DynamoVerifactuRepository } from './record-repository.ts';

/** Attempts of a correction against a busy chain head (each loss means another record went in). */
const MAX_REMEDY_ATTEMPTS = 30;

/**
 * Corrections (subsanación) appended to a tenant's chain. The correcting use case reads the chain
 * too, through the same object, so this is also the chain's VerifactuRepository.
 */
export class DynamoRemedyRepository extends DynamoVerifactuRepository implements RemedyRepository {
  async appendRemedy(
    target: RemedyTarget,
    build: (head: ChainHead | undefined) => RegistroAlta,
  ): Promise<StoredRecord> {
    const { tenantId, invoiceId, invoiceVersion, remediedSeq } = target;
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(tenantId);
      const record = build(head);
      const [headPut, recordPut] = chainItems(
        this.table,
        tenantId,
        invoiceId,
        head,
        record,
        remediedSeq,
      );
      const seq = (head?.seq ?? 0) + 1;
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              headPut!,
              recordPut!,
              {
                // The corrected record: still answered as needing a correction, and not
                // corrected by a concurrent request (one correction per rejected record).
                Update: {
                  TableName: this.table,
                  Key: keys.chainRecord(tenantId, remediedSeq),
                  UpdateExpression: 'SET remediedBy = :seq',
                  ConditionExpression:
                    'attribute_exists(pk) AND attribute_not_exists(remediedBy) AND #sub.#state IN (:rejected, :withErrors)',
                  ExpressionAttributeNames: { '#sub': 'submission', '#state': 'state' },
                  ExpressionAttributeValues: {
                    ':seq': seq,
                    ':rejected': 'rejected',
                    ':withErrors': 'acceptedWithErrors',
                  },
                },
              },
              {
                // The invoice as read: a void or a corrective meanwhile would come before this
                // correction in the chain, and a correction after an annulment revives it at AEAT.
                ConditionCheck: {
                  TableName: this.table,
                  Key: keys.invoice(tenantId, invoiceId),
                  ConditionExpression: 'version = :version',
                  ExpressionAttributeValues: { ':version': invoiceVersion },
                },
              },
            ],
          }),
        );
        return toStored(recordPut!.Put.Item);
      } catch (e) {
        const why = Cancellation.of(e);
        if (!why) throw e;
        if (why.failed(2)) {
          throw new ConflictError(
            `Record ${remediedSeq} of invoice ${invoiceId} was corrected by another request`,
          );
        }
        if (why.failed(3)) {
          throw new ConflictError(`Invoice ${invoiceId} was changed by another request`);
        }
        if (!why.contended || attempt >= MAX_REMEDY_ATTEMPTS) throw e;
        await sleep(Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6)));
      }
    }
  }
}
