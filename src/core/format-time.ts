// Date and time formatting in UTC for logs, ids and file names.
// Does not parse user dates; jobs own their own parsers.

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2024-01-15` (UTC). */
export function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `10:30:00` (UTC). */
export function isoTime(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `2024-01-15 10:30:00` (UTC), the spec's log timestamp. */
export function logTimestamp(d: Date): string {
  return `${isoDate(d)} ${isoTime(d)}`;
}

/** `2024-01-15T10:30:00Z`, an ISO instant without milliseconds. */
export function isoInstant(d: Date): string {
  return `${isoDate(d)}T${isoTime(d)}Z`;
}

/** `20240115_103000` (UTC), for run ids. */
export function compactStamp(d: Date, separator = '_'): string {
  return `${isoDate(d).replaceAll('-', '')}${separator}${isoTime(d).replaceAll(':', '')}`;
}

/** True when `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}
