// Reading job log files written in the spec's line format (`2024-01-15 10:30:00 - INFO - message`).
// Only parses lines; what a job's log means is up to that job's reader.

/** One parsed log line. */
export interface LogLine {
  time: string;
  level: string;
  message: string;
}

const SPEC_LINE = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) - ([A-Z]+) - (.*)$/;

/** Parse the spec's log-line format; null for any other line (banners, blank lines). */
export function parseLogLine(line: string): LogLine | null {
  const match = SPEC_LINE.exec(line);
  return match ? { time: match[1], level: match[2], message: match[3] } : null;
}

/** The lines of the last run in `lines`: from the last line whose message matches `start` (all lines if none does). */
export function lastRun(lines: readonly LogLine[], start: RegExp): LogLine[] {
  for (let i = lines.length - 1; i >= 0; i--) if (start.test(lines[i].message)) return lines.slice(i);
  return [...lines];
}

/** How many lines there are per level. */
export function levelCounts(lines: readonly LogLine[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) counts[line.level] = (counts[line.level] ?? 0) + 1;
  return counts;
}
