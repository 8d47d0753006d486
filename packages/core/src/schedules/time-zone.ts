/**
 * Wall-clock arithmetic in IANA time zones using only `Intl` (no tz database of our own), so the
 * local scheduler and the domain agree with the zone rules shipped in Node's ICU.
 */
import { ValidationError } from '../errors.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A local calendar date and time, as read on a wall clock in some zone. Month is 1-12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function invalidTimezone(timezone: unknown): ValidationError {
  const message = `Unknown time zone ${JSON.stringify(timezone)}: use an IANA name such as Europe/Madrid or UTC`;
  return new ValidationError(message, [{ path: 'schedule.timezone', message }]);
}

function formatterFor(timezone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timezone);
  if (cached) return cached;
  // Newer ICU accepts raw offsets such as "+01:00"; AWS only takes zone names, so refuse them here.
  if (typeof timezone !== 'string' || !/^[A-Za-z]/.test(timezone)) throw invalidTimezone(timezone);
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw invalidTimezone(timezone);
  }
  formatters.set(timezone, formatter);
  return formatter;
}

/** Throws a ValidationError (path `schedule.timezone`) unless `timezone` is a zone Intl knows. */
export function validateTimezone(timezone: string): void {
  formatterFor(timezone);
}

export function wallClockAt(epochMs: number, timezone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timezone).formatToParts(epochMs)) {
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  }
  return clock;
}

/** Local time minus UTC, in ms, at the given instant (e.g. +3_600_000 for CET). */
export function offsetAt(epochMs: number, timezone: string): number {
  const w = wallClockAt(epochMs, timezone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The wall clock expressed as if it were UTC; the key we use to compare local times. */
export function localKey(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/**
 * Every instant at which the zone's clocks read `local` (a `localKey`): none inside a
 * spring-forward gap, two inside a fall-back overlap, otherwise one. Sorted ascending.
 */
export function instantsForLocal(local: number, timezone: string): number[] {
  // The true offset is one of those in force a day either side (zones never change twice a day).
  const offsets = new Set([
    offsetAt(local - DAY_MS, timezone),
    offsetAt(local, timezone),
    offsetAt(local + DAY_MS, timezone),
  ]);
  const found: number[] = [];
  for (const offset of offsets) {
    const instant = local - offset;
    if (offsetAt(instant, timezone) === offset && !found.includes(instant)) found.push(instant);
  }
  return found.sort((a, b) => a - b);
}

/**
 * One instant for a local time, the way a one-off appointment is read: an ambiguous time takes
 * its first occurrence, a time inside a gap is pushed forward by the gap (02:30 on a spring-forward
 * night becomes 03:30 summer time) so a one-time schedule still fires.
 */
export function instantForLocalLenient(local: number, timezone: string): number {
  const found = instantsForLocal(local, timezone);
  if (found[0] !== undefined) return found[0];
  return local - offsetAt(local - DAY_MS, timezone);
}

/**
 * A converter for many local times of one calendar day. Most days have no transition, and then
 * the conversion is a subtraction; otherwise each time is resolved on its own.
 */
export function dayConverter(
  year: number,
  month: number,
  day: number,
  timezone: string,
): (local: number) => number[] {
  const midnight = Date.UTC(year, month - 1, day);
  // Offsets lie within -12h..+14h, so the local day maps into [midnight - 14h, midnight + 36h].
  const before = offsetAt(midnight - 14 * HOUR_MS, timezone);
  const middle = offsetAt(midnight + 12 * HOUR_MS, timezone);
  const after = offsetAt(midnight + 38 * HOUR_MS, timezone);
  if (before === middle && middle === after) return (local) => [local - before];
  return (local) => instantsForLocal(local, timezone);
}
