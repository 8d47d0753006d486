import type { Task, TaskRun, TaskSummary } from './model.ts';
import { nextOccurrences } from './schedule.ts';

/** How many upcoming occurrences a task shows, so clients see what the schedule means. */
const UPCOMING = 3;

function common(t: Task | TaskSummary, now: Date) {
  const s = t.schedule;
  return {
    id: t.id,
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    documentType: t.documentType,
    template: t.template,
    pricePolicy: t.pricePolicy,
    schedule: {
      expression: s.expression,
      timezone: s.timezone,
      startDate: s.startDate,
      ...(s.endDate ? { endDate: s.endDate } : {}),
      awsExpression: s.awsExpression,
      startsAt: s.startsAt,
      ...(s.endsAt ? { endsAt: s.endsAt } : {}),
      next:
        t.status === 'active' ? nextOccurrences(s, now, UPCOMING).map((d) => d.toISOString()) : [],
    },
    delivery: t.delivery,
    ...(t.reportTo ? { reportTo: t.reportTo } : {}),
    status: t.status,
    activeSince: t.activeSince,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** The API shape of a task; `now` decides which occurrences are upcoming. */
export function taskView(t: Task, now: Date) {
  const { template, pricePolicy, schedule, delivery, ...rest } = common(t, now);
  return {
    ...rest,
    template,
    pricePolicy,
    customerIds: t.customerIds,
    ...(t.assets ? { assets: t.assets } : {}),
    schedule,
    delivery,
  };
}

export function taskSummaryView(t: TaskSummary, now: Date) {
  return { ...common(t, now), customerCount: t.customerCount };
}

export function taskRunView(r: TaskRun) {
  return {
    id: r.id,
    taskId: r.taskId,
    occurrence: r.occurrence,
    trigger: r.trigger,
    status: r.status,
    created: r.created,
    skipped: r.skipped,
    failed: r.failed,
    failures: r.failures,
    totals: r.totals,
    ...(r.missed?.length ? { missed: r.missed } : {}),
    ...(r.status === 'continuing' || r.status === 'running' ? { cursor: r.cursor } : {}),
    ...(r.reportedTo ? { reportedTo: r.reportedTo } : {}),
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
  };
}
