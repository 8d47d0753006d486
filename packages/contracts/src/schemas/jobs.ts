import * as z from 'zod';

/** What EventBridge Scheduler delivers to a schedule target: the Input with placeholders filled. */
export const ScheduledEvent = z.object({
  scheduledTime: z.iso.datetime({ offset: true }).describe('<aws.scheduler.scheduled-time>'),
});
