import { repositories } from '@sello/aws';
import { ScheduledEvent, triggered } from '@sello/contracts';
import { recordHeartbeat } from '@sello/core';
import { jobHandler } from '@sello/http';

const record = recordHeartbeat({ heartbeats: repositories().heartbeats });

export const handler = jobHandler(
  triggered.recordSchedulerHeartbeat,
  ScheduledEvent,
  async ({ scheduledTime }) => {
    await record('scheduler', new Date(scheduledTime), new Date());
    return { recorded: scheduledTime };
  },
);
