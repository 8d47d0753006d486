import { httpHandler } from '@sello/app/http';
import { runTaskOccurrence } from '@sello/app/tasks';
import { routes } from '@sello/contracts';
import { taskRunView } from '@sello/core/tasks';
import { ok } from '@sello/http';

const run = runTaskOccurrence();

/** Time kept back from the function's timeout to hand the rest over and answer. */
const MARGIN_MS = 8000;

export const handler = httpHandler(
  routes.runTaskOccurrence,
  async ({ principal, params, body }) => {
    const timeoutMs = (routes.runTaskOccurrence.timeoutSeconds ?? 10) * 1000;
    const started = Date.now();
    const result = await run(principal.tenantId, params.id, new Date(body.occurrence), {
      deadline: started + timeoutMs - MARGIN_MS,
      leaseMs: timeoutMs + 60_000,
    });
    return ok(taskRunView(result), result.status === 'continuing' ? { status: 202 } : {});
  },
);
