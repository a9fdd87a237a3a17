// Merges the scan parts into one day's metrics: sums, unions, IP and endpoint tables, and the exact
// per-IP-per-minute counts above the burst threshold. Line numbers become input-wide. No scoring.

import { DayIps } from './day-ips.js';
import type {
  AgentTally,
  EndpointTally,
  PartialAggregate,
  PathFindingTally,
  RejectedLine,
} from './partial.js';
import { mergeIpMinutes } from './ip-minutes.js';
import type { IpMinuteBurst } from './ip-minutes.js';
import { EVIDENCE_LINES, mergeEvidence } from './partial.js';

export type { IpMinuteBurst } from './ip-minutes.js';

/** One input file and the input-wide line numbers it covers. */
export interface InputRange {
  name: string;
  firstLine: number;
  lastLine: number;
}

/** One hour of the report day. */
export interface HourMetrics {
  hour: number;
  requests: number;
  errors: number;
  bytes: number;
  uniqueIps: number;
}

/** Everything the day's scan found, before anomaly detection. */
export interface DayMetrics {
  inputs: InputRange[];
  lines: number;
  requests: number;
  bytes: number;
  outsideDay: number;
  hours: HourMetrics[];
  minuteRequests: number[];
  statuses: Record<string, number>;
  endpoints: Map<string, EndpointTally>;
  ips: DayIps;
  uniqueUsers: number;
  bursts: IpMinuteBurst[];
  /** False when parts were trimmed in a way that cannot be merged exactly; the scan must be redone keeping every pair. */
  burstsExact: boolean;
  findings: PathFindingTally[];
  agents: AgentTally[];
  /** Every malformed line; `line` is the line number within its own file. */
  rejects: RejectedLine[];
}

function addInto(into: number[], from: readonly number[]): void {
  for (let i = 0; i < into.length; i++) into[i] += from[i];
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
}

/** Merge parts (in input order) into the day's metrics; `burstThreshold` keeps only IP-minutes above it. */
export function mergeParts(parts: readonly PartialAggregate[], burstThreshold: number): DayMetrics {
  const day: DayMetrics = {
    inputs: [],
    lines: 0,
    requests: 0,
    bytes: 0,
    outsideDay: 0,
    hours: [],
    minuteRequests: new Array<number>(1440).fill(0),
    statuses: {},
    endpoints: new Map(),
    ips: new DayIps(),
    uniqueUsers: 0,
    bursts: [],
    burstsExact: true,
    findings: [],
    agents: [],
    rejects: [],
  };
  const hourRequests = new Array<number>(24).fill(0);
  const hourErrors = new Array<number>(24).fill(0);
  const hourBytes = new Array<number>(24).fill(0);
  const findings = new Map<string, PathFindingTally>();
  const agents = new Map<string, AgentTally>();
  const offsets: number[] = [];
  const ipNumbers: Int32Array[] = [];
  let fileStart = 0;
  for (const part of parts) {
    const offset = day.lines;
    offsets.push(offset);
    const current = day.inputs[day.inputs.length - 1];
    if (current?.name === part.file) current.lastLine += part.lineCount;
    else {
      fileStart = offset;
      day.inputs.push({ name: part.file, firstLine: offset + 1, lastLine: offset + part.lineCount });
    }
    day.lines += part.lineCount;
    day.requests += part.requests;
    day.bytes += part.bytes;
    day.outsideDay += part.outsideDay;
    addInto(hourRequests, part.hourRequests);
    addInto(hourErrors, part.hourErrors);
    addInto(hourBytes, part.hourBytes);
    addInto(day.minuteRequests, part.minuteRequests);
    addCounts(day.statuses, part.statuses);
    mergeEndpoints(day.endpoints, part.endpoints, offset);
    ipNumbers.push(day.ips.add(part.ips));
    for (const reject of part.rejects)
      day.rejects.push({ ...reject, line: reject.line + offset - fileStart });
    mergeKeyed(
      findings,
      part.findings,
      (f) => `${f.category}\u0000${f.ip}`,
      offset,
      (into, from) => (into.succeeded += from.succeeded),
    );
    mergeKeyed(agents, part.agents, (a) => a.agent, offset, mergeAgentExtras);
  }
  const uniqueByHour = day.ips.perHour();
  day.hours = hourRequests.map((requests, hour) => ({
    hour,
    requests,
    errors: hourErrors[hour],
    bytes: hourBytes[hour],
    uniqueIps: uniqueByHour[hour],
  }));
  day.uniqueUsers = day.ips.userCount;
  day.findings = [...findings.values()];
  day.agents = [...agents.values()];
  const bursts = mergeIpMinutes(parts, offsets, ipNumbers, day.ips, burstThreshold);
  day.bursts = bursts ?? [];
  day.burstsExact = bursts !== undefined;
  return day;
}

function mergeEndpoints(
  into: Map<string, EndpointTally>,
  from: Map<string, EndpointTally>,
  offset: number,
): void {
  for (const [key, tally] of from) {
    const errorLines = tally.firstErrorLines.map((line) => line + offset);
    const existing = into.get(key);
    if (!existing) into.set(key, { ...tally, firstErrorLines: errorLines });
    else {
      existing.requests += tally.requests;
      existing.errors += tally.errors;
      existing.bytes += tally.bytes;
      addCounts(existing.statuses, tally.statuses);
      existing.firstErrorLines = [...existing.firstErrorLines, ...errorLines]
        .sort((a, b) => a - b)
        .slice(0, EVIDENCE_LINES);
    }
  }
}

function mergeKeyed<T extends PathFindingTally | AgentTally>(
  into: Map<string, T>,
  from: readonly T[],
  keyOf: (t: T) => string,
  offset: number,
  extras: (into: T, from: T) => void,
): void {
  for (const item of from) {
    const shifted = { ...item, firstLines: item.firstLines.map((l) => l + offset) };
    const key = keyOf(item);
    const existing = into.get(key);
    if (!existing) into.set(key, shifted);
    else {
      mergeEvidence(existing, shifted);
      extras(existing, shifted);
    }
  }
}

function mergeAgentExtras(into: AgentTally, from: AgentTally): void {
  addCounts(into.areas, from.areas);
  for (const ip of from.ips) if (into.ips.length < 20 && !into.ips.includes(ip)) into.ips.push(ip);
}
