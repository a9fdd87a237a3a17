// Formats instants as times of day in the report's UTC offset (HH:MM:SS, HH:MM).
// Parsing of log timestamps lives in parse-line.ts.

import { isoTime } from '../core/format-time.js';

/** `08:15:31` for an epoch-ms instant, shifted by `offsetMinutes` east of UTC. */
export function timeOfDay(instant: number, offsetMinutes: number): string {
  return isoTime(new Date(instant + offsetMinutes * 60_000));
}

/** `08:15` for a minute number (minutes since the epoch, already in report time). */
export function minuteOfDayText(minute: number): string {
  const ofDay = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(ofDay / 60)).padStart(2, '0')}:${String(ofDay % 60).padStart(2, '0')}`;
}

/** Minutes east of UTC for an offset like "+05:30". */
export function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  return sign * (hours * 60 + minutes);
}
