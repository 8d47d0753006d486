/** When a periodic source (the scheduler) last proved alive; gaps reveal missed runs. */
export interface HeartbeatRepository {
  record(source: string, at: string, firedAt: string): Promise<void>;
  last(source: string): Promise<{ at: string; firedAt: string } | undefined>;
}

export const recordHeartbeat =
  ({ heartbeats }: { heartbeats: HeartbeatRepository }) =>
  (source: string, scheduledAt: Date, firedAt: Date): Promise<void> =>
    heartbeats.record(source, scheduledAt.toISOString(), firedAt.toISOString());
