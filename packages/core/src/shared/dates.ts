/** The calendar date (YYYY-MM-DD) at `now` on the wall clocks of `timezone`. */
export function todayIn(timezone: string, now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
