import { recordSchedulerHeartbeat } from '@sello/app/system';
import { ScheduledEvent, triggered } from '@sello/contracts';
import { jobHandler } from '@sello/http';

const record = recordSchedulerHeartbeat();

export const handler = jobHandler(
  triggered.recordSchedulerHeartbeat,
  ScheduledEvent,
  async ({ scheduledTime }) => {
    await record('scheduler', new Date(scheduledTime), new Date());
    return { recorded: scheduledTime };
  },
);
