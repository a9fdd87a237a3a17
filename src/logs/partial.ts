// The shape of what one scan of a file (or of one byte range of it) produces: counts and tallies
// that merge exactly with other parts. Plain data, so it crosses worker threads by structured clone.

/** Requests, errors, bytes and status codes of one endpoint (method + normalized path). */
export interface EndpointTally {
  requests: number;
  errors: number;
  bytes: number;
  /** Status code -> requests. */
  statuses: Record<string, number>;
  /** Line numbers of the first error responses (up to EVIDENCE_LINES). */
  firstErrorLines: number[];
}

/** One client IP's traffic. Times are epoch ms. */
export interface IpTally {
  ip: string;
  requests: number;
  errors: number;
  lastSeen: number;
  /** The most recent non-empty user, or ''. */
  user: string;
  /** Bit h set when the IP made a request in report hour h. */
  hourMask: number;
}

/** Evidence shared by every line-level finding: how many, when, and the first line numbers. */
export interface Evidence {
  count: number;
  errors: number;
  firstSeen: number;
  lastSeen: number;
  /** Up to EVIDENCE_LINES line numbers (relative to the part until merged). */
  firstLines: number[];
}

/**
 * Every client IP of a part, by its number, as columns of numbers: they cross to the main thread as a
 * few copied arrays instead of tens of thousands of cloned objects or strings. A dotted quad travels
 * as its value only; its text is written out on the main thread for the IPs a report prints.
 */
export interface IpColumns {
  /** Each IP's dotted-quad value (0 to 2^32 - 1, see ipv4Value), or -1 when its text is in `others`. */
  values: Float64Array;
  /** The text of each IP that is not a dotted quad, by number. */
  others: Map<number, string>;
  /** The dotted quads' numbers here by value (a DottedQuadTable's ints), for the merge to go on with. */
  table: Int32Array;
  /** Each IP's most recent non-empty user (an index into `userNames`), or -1. */
  users: Int32Array;
  /** Every distinct non-empty user of the part. */
  userNames: string[];
  /** IP_FIELDS numbers per IP: requests, errors, last seen (epoch ms), hour mask (see IpTally). */
  numbers: Float64Array;
}

/** Offsets of an IP's numbers in IpColumns.numbers. */
export const IP_REQUESTS = 0;
export const IP_ERRORS = 1;
export const IP_LAST_SEEN = 2;
export const IP_HOUR_MASK = 3;
export const IP_FIELDS = 4;

/** Suspicious-path requests of one category from one IP. */
export interface PathFindingTally extends Evidence {
  category: string;
  ip: string;
  /** The first suspicious path seen, as logged. */
  sample: string;
  /** Requests among them answered 2xx (the probe may have worked). */
  succeeded: number;
}

/** Requests from one non-browser user agent. */
export interface AgentTally extends Evidence {
  agent: string;
  kind: string;
  /** First path segment (`/admin/*`) -> requests; bounded. */
  areas: Record<string, number>;
  /** Distinct IPs, up to a bound. */
  ips: string[];
}

/**
 * Requests per (IP, minute), as rows of PAIR_FIELDS numbers in one typed array: cheap to build,
 * copy across threads and merge. Each pair appears once (repeats from an out-of-order log are
 * consolidated before the part is finished). To keep parts small, pairs at or below the burst
 * threshold are dropped unless their minute is at the part's edges (`minute <= keptUpTo` or
 * `minute >= keptFrom`), where a neighbouring part may hold the rest of the same minute; merge.ts
 * checks that every minute shared between parts was kept.
 */
export interface IpMinuteCounts {
  /** Per pair: the IP's number in the part (see IpColumns), the minute since the epoch in report time, requests, first and last line. */
  rows: Float64Array;
  /** Every distinct minute the part saw. */
  minutesSeen: number[];
  /** An IP came back to a minute whose earlier pairs were already dropped: the counts are not exact. */
  lostRepeats: boolean;
  keptUpTo: number;
  keptFrom: number;
}

/** Offsets of a pair's numbers in IpMinuteCounts.rows. */
export const PAIR_IP = 0;
export const PAIR_MINUTE = 1;
export const PAIR_COUNT = 2;
export const PAIR_FIRST_LINE = 3;
export const PAIR_LAST_LINE = 4;
export const PAIR_FIELDS = 5;

/** A line that could not be parsed. */
export interface RejectedLine {
  file: string;
  line: number;
  reason: string;
  raw: string;
}

/** Everything one scan part produces. Line numbers are relative to the part's first line. */
export interface PartialAggregate {
  file: string;
  /** Lines read (parsed + rejected), to number the next part's lines. */
  lineCount: number;
  requests: number;
  bytes: number;
  /** Requests whose report-time date is not the report date (still counted). */
  outsideDay: number;
  hourRequests: number[];
  hourErrors: number[];
  hourBytes: number[];
  minuteRequests: number[];
  statuses: Record<string, number>;
  endpoints: Map<string, EndpointTally>;
  ips: IpColumns;
  ipMinutes: IpMinuteCounts;
  findings: PathFindingTally[];
  agents: AgentTally[];
  rejects: RejectedLine[];
}

/** Line numbers kept as evidence per finding. */
export const EVIDENCE_LINES = 5;

/** A fresh Evidence for a first occurrence at `time` on `line`. */
export function newEvidence(time: number, line: number, isError: boolean): Evidence {
  return { count: 1, errors: isError ? 1 : 0, firstSeen: time, lastSeen: time, firstLines: [line] };
}

/** Count one more occurrence into `evidence`. */
export function addEvidence(evidence: Evidence, time: number, line: number, isError: boolean): void {
  evidence.count++;
  if (isError) evidence.errors++;
  if (time < evidence.firstSeen) evidence.firstSeen = time;
  if (time > evidence.lastSeen) evidence.lastSeen = time;
  if (evidence.firstLines.length < EVIDENCE_LINES) evidence.firstLines.push(line);
}

/** Fold `other` into `into` (line numbers already made absolute). */
export function mergeEvidence(into: Evidence, other: Evidence): void {
  into.count += other.count;
  into.errors += other.errors;
  into.firstSeen = Math.min(into.firstSeen, other.firstSeen);
  into.lastSeen = Math.max(into.lastSeen, other.lastSeen);
  into.firstLines = [...into.firstLines, ...other.firstLines].sort((a, b) => a - b).slice(0, EVIDENCE_LINES);
}
