import { jobHandler } from '@sello/app/http';
import { recordSchedulerHeartbeat } from '@sello/app/system';
import { ScheduledEvent, triggered } from '@sello/contracts';

const record = recordSchedulerHeartbeat();

export const handler = jobHandler(
  triggered.recordSchedulerHeartbeat,
  ScheduledEvent,
  async ({ scheduledTime }) => {
    await record('scheduler', new Date(scheduledTime), new Date());
    return { recorded: scheduledTime };
  },
);
