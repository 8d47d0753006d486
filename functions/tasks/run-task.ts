import { runTask } from '@sello/app/tasks';
import { RunTaskEvent, triggered } from '@sello/contracts';
import { taskRunView } from '@sello/core/tasks';
import { jobHandler, logger } from '@sello/http';

const run = runTask();

/** Time kept back from the timeout to save the run and schedule its continuation. */
const MARGIN_MS = 60_000;

export const handler = jobHandler(triggered.runTask, RunTaskEvent, async (event, context) => {
  const remaining = context.getRemainingTimeInMillis();
  const outcome = await run(
    {
      tenantId: event.tenantId,
      taskId: event.taskId,
      occurrence: new Date(event.occurrence),
      ...(event.runId ? { runId: event.runId } : {}),
    },
    {
      deadline: Date.now() + Math.max(remaining - MARGIN_MS, remaining / 2),
      leaseMs: remaining + 60_000,
    },
  );
  if (outcome.ignored) {
    logger.warn('task delivery ignored', { ...event, reason: outcome.ignored });
    return { ignored: outcome.ignored };
  }
  const runs = outcome.runs.map(taskRunView);
  logger.info('task ran', {
    taskId: event.taskId,
    runs: runs.map(({ id, occurrence, status, created, skipped, failed }) => ({
      id,
      occurrence,
      status,
      created,
      skipped,
      failed,
    })),
  });
  return { runs };
});
