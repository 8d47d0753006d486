import type { BatchResult, SubmissionBatch } from '@sello/core/verifactu';
import { keys, withoutKeys } from '../keys.ts';

/** Below DynamoDB's 400 KB item limit, with room for the attribute names. */
const BATCH_ITEM_BUDGET = 350_000;

/**
 * A batch as stored: the seqs in request order, and only the answers that are not plain
 * acceptances, with each distinct error text once. A 1,000-record batch whose lines all repeat one
 * AEAT message stays a few kilobytes; AEAT's texts are up to 1,500 characters.
 */
export function batchItem(batch: SubmissionBatch) {
  const { results, ...rest } = batch;
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const textOf = (t: string) => {
    let i = textIndex.get(t);
    if (i === undefined) {
      i = texts.push(t) - 1;
      textIndex.set(t, i);
    }
    return i;
  };
  const issues = results.flatMap((r, i) =>
    r.state === 'accepted' && !r.errors && !r.alreadyRegistered
      ? []
      : [
          {
            i,
            state: r.state,
            ...(r.errors
              ? { errors: r.errors.map((e) => ({ code: e.code, text: textOf(e.description) })) }
              : {}),
            ...(r.alreadyRegistered ? { alreadyRegistered: r.alreadyRegistered } : {}),
          },
        ],
  );
  const item = {
    ...keys.submissionBatch(batch.tenantId, batch.id),
    type: 'verifactuBatch',
    ...rest,
    seqs: results.map((r) => r.seq),
    issues,
    texts,
  };
  // Every record keeps its full text; only the batch's copy is shortened, and only if needed.
  if (JSON.stringify(item).length > BATCH_ITEM_BUDGET) {
    item.texts = texts.map((t) => (t.length > 200 ? `${t.slice(0, 199)}…` : t));
  }
  return item;
}

export function fromBatchItem(item: Record<string, unknown>): SubmissionBatch {
  const {
    type: _type,
    seqs,
    issues,
    texts,
    ...rest
  } = withoutKeys(item) as Record<string, unknown> & {
    seqs: number[];
    issues: Array<{
      i: number;
      state: BatchResult['state'];
      errors?: Array<{ code: string; text: number }>;
      alreadyRegistered?: BatchResult['alreadyRegistered'];
    }>;
    texts: string[];
  };
  const byIndex = new Map(issues.map((x) => [Number(x.i), x]));
  const results = seqs.map((seq, i): BatchResult => {
    const issue = byIndex.get(i);
    if (!issue) return { seq: Number(seq), state: 'accepted' };
    return {
      seq: Number(seq),
      state: issue.state,
      ...(issue.errors
        ? {
            errors: issue.errors.map((e) => ({
              code: e.code,
              description: texts[Number(e.text)] ?? '',
            })),
          }
        : {}),
      ...(issue.alreadyRegistered ? { alreadyRegistered: issue.alreadyRegistered } : {}),
    };
  });
  return {
    ...(rest as unknown as Omit<SubmissionBatch, 'results'>),
    tiempoEsperaEnvio: Number(rest.tiempoEsperaEnvio),
    lastSubmittedSeq: Number(rest.lastSubmittedSeq),
    results,
  };
}
