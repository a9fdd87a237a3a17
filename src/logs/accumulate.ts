// Folds parsed lines into a PartialAggregate: per-hour/minute counts, endpoints, IPs, per-IP-minute
// counts, suspicious paths and non-browser agents. Knows nothing of threads or files, and applies no
// threshold except to trim per-IP-minute counts (see ip-minutes.ts). The compiled scanner counts
// plain lines (a browser's, no attack, known endpoint, the minute of the line before) entirely
// itself, with the tags this class gives request lines and agents; their counts are added at the end.

import { ATTACK_CATEGORIES, AttackClassifier } from './attack-patterns.js';
import type { AttackCategory } from './attack-patterns.js';
import { detach } from './detach.js';
import { IpCounters } from './ip-counters.js';
import { StatusCounts } from './status-counts.js';
import { IpMinuteRows } from './ip-minute-rows.js';
import { emptyIpMinutes } from './ip-minutes.js';
import type { LogsConfig } from './config.js';
import { offsetMinutes } from './report-time.js';
import { ScannerCounts } from './scanner-counts.js';
import { PLAIN_AGENT } from './wasm-module.js';
import { endpointPath } from './normalize-path.js';
import type { LogRecord, RequestEntry } from './parse-line.js';
import { LineParser } from './parse-line.js';
import { addEvidence, EVIDENCE_LINES, newEvidence } from './partial.js';
import type { AgentTally, EndpointTally, PartialAggregate, PathFindingTally } from './partial.js';
import { classifyAgent } from './user-agents.js';
import type { AgentKind } from './user-agents.js';

const MINUTE = 60_000;
const NO_MINUTE = Number.MIN_SAFE_INTEGER;
const MAX_AREAS = 40;
const MAX_AGENT_IPS = 20;
// The agent tag of agents that are not a browser's (see PLAIN_AGENT).
const OTHER_AGENT = 0;
// Endpoint tallies whose status codes are counted in typed arrays (4 KB each); later ones use their object.
const TYPED_STATUS_TALLIES = 256;

/** What an accumulator needs to know about the run. */
export interface AccumulatorOptions {
  config: LogsConfig;
  /** The report date, YYYY-MM-DD. */
  date: string;
  /** Input file name, for rejects. */
  file: string;
  /** Keep every (IP, minute) count instead of trimming to the part's edges (for out-of-order logs). */
  keepAllIpMinutes?: boolean;
  /** IPs per table of the compiled scanner before it starts over (tests make it small; see ip-counters.ts). */
  ipLimit?: number;
}

/** The first path segment as an area, e.g. `/admin/config` -> `/admin/*`. */
export function pathArea(path: string): string {
  const rest = path.slice(1);
  const end = rest.search(/[/?#]/);
  if (end < 0) return path;
  return rest[end] === '/' ? `/${rest.slice(0, end)}/*` : `/${rest.slice(0, end)}`;
}

// What the accumulator remembers per distinct request line, as one number (memo on the parser's entry
// and the record's requestTag, so the compiled scanner's lines bring it without the entry being read):
// its endpoint tally's index * CATEGORY_CODES + its attack category's code (index in CATEGORIES).
const CATEGORIES: readonly (AttackCategory | undefined)[] = [undefined, ...ATTACK_CATEGORIES];
const CATEGORY_CODES = CATEGORIES.length;

type ParsedLine = LogRecord<number, AgentKind>;

/** Accumulates one part's lines; call `line()` per input line, then `finish()`. */
export class Accumulator {
  /** The TypeScript parser of lines the compiled scanner does not take (and its IP numbering). */
  readonly parser: LineParser<number, AgentKind>;
  private readonly attacks: AttackClassifier;
  private readonly offsetMs: number;
  private readonly dayStartMinute: number;
  // Minutes seen in the part, and the last line's minute (for trimming IP-minute counts).
  private readonly minutesSeen = new Set<number>();
  private minute = NO_MINUTE;
  private readonly findings = new Map<string, PathFindingTally>();
  private readonly agents = new Map<string, AgentTally>();
  // Endpoint tallies by index, and each endpoint key's index.
  private readonly tallies: EndpointTally[] = [];
  private readonly tallyIndex = new Map<string, number>();
  // Status codes of the part (key 0) and of the first endpoint tallies (by index), until `finish`.
  private readonly partStatuses = new StatusCounts(1);
  private readonly tallyStatuses = new StatusCounts(TYPED_STATUS_TALLIES);
  /** The per-IP counters, in the compiled scanner's memory (WasmLines scans with their scanner). */
  readonly ipCounters: IpCounters;
  private readonly ipMinutes: IpMinuteRows;
  // The counts of the lines the scanner counted itself.
  private readonly scannerCounts: ScannerCounts;
  private readonly part: PartialAggregate;

  constructor(private readonly options: AccumulatorOptions) {
    this.parser = new LineParser(options.config.log_format);
    this.attacks = new AttackClassifier(options.config.admin_path_prefixes);
    this.offsetMs = offsetMinutes(options.config.report_utc_offset) * MINUTE;
    this.dayStartMinute = Date.parse(`${options.date}T00:00:00Z`) / MINUTE;
    this.ipCounters = new IpCounters(
      this.parser.ips.names,
      {
        offsetMs: this.offsetMs,
        dayStartMinute: this.dayStartMinute,
        categoryCodes: CATEGORY_CODES,
        shapeTags: this.attacks.classifiesByEndpoint(),
      },
      options.ipLimit,
    );
    this.scannerCounts = new ScannerCounts(this.ipCounters.scanner);
    this.ipMinutes = new IpMinuteRows(
      options.keepAllIpMinutes ? undefined : options.config.thresholds.requests_per_ip_per_minute,
    );
    const zeros = (n: number) => new Array<number>(n).fill(0);
    this.part = {
      file: options.file,
      lineCount: 0,
      requests: 0,
      bytes: 0,
      outsideDay: 0,
      hourRequests: zeros(24),
      hourErrors: zeros(24),
      hourBytes: zeros(24),
      minuteRequests: zeros(1440),
      statuses: {},
      endpoints: new Map(),
      ips: {
        values: new Float64Array(0),
        others: new Map(),
        table: new Int32Array(0),
        users: new Int32Array(0),
        userNames: [],
        numbers: new Float64Array(0),
      },
      ipMinutes: emptyIpMinutes(),
      findings: [],
      agents: [],
      rejects: [],
    };
  }

  /** The minute (report time, minutes since the epoch) of the last line counted. */
  get lastMinute(): number {
    return this.minute;
  }

  /** Take input line `lineNumber` (without its newline; by default the next line). */
  line(text: string, lineNumber = this.part.lineCount + 1): void {
    this.reach(lineNumber);
    const problem = this.parser.parse(text);
    if (problem !== undefined) {
      this.part.rejects.push({
        file: this.options.file,
        line: lineNumber,
        reason: problem,
        raw: detach(text.length > 2000 ? text.slice(0, 2000) : text),
      });
      return;
    }
    this.count(this.parser.record, lineNumber);
  }

  /** Take input line `lineNumber`, already parsed into `record` (by the compiled scanner, wasm-lines.ts). */
  parsed(record: ParsedLine, lineNumber: number): void {
    this.reach(lineNumber);
    this.count(record, lineNumber);
  }

  /** Every line up to `lineNumber` has been taken or counted by the compiled scanner. */
  scanned(lineNumber: number): void {
    this.reach(lineNumber);
    this.ipCounters.takeRows(Infinity, this.ipMinutes);
  }

  // The part is at line `lineNumber`: the rows the scanner closed on earlier lines come first.
  private reach(lineNumber: number): void {
    this.part.lineCount = lineNumber;
    this.ipCounters.takeRows(lineNumber, this.ipMinutes);
  }

  private count(record: ParsedLine, lineNumber: number): void {
    const part = this.part;
    const isError = record.status >= 400;
    const localMinute = Math.floor((record.time + this.offsetMs) / MINUTE);
    let minuteOfDay = localMinute - this.dayStartMinute;
    if (minuteOfDay < 0 || minuteOfDay >= 1440) {
      part.outsideDay++;
      minuteOfDay = ((minuteOfDay % 1440) + 1440) % 1440;
    }
    const hour = (minuteOfDay / 60) | 0;
    if (localMinute !== this.minute) {
      this.minutesSeen.add(localMinute);
      this.minute = localMinute;
      this.ipMinutes.advance(localMinute);
    }
    part.requests++;
    part.bytes += record.bytes;
    part.hourRequests[hour]++;
    part.hourBytes[hour] += record.bytes;
    part.minuteRequests[minuteOfDay]++;
    if (isError) part.hourErrors[hour]++;
    if (!this.partStatuses.add(0, record.status))
      part.statuses[record.status] = (part.statuses[record.status] ?? 0) + 1;

    const category = this.countEndpoint(record, isError, lineNumber);
    this.ipCounters.count(record, hour, localMinute, lineNumber, this.ipMinutes);

    if (category !== undefined) this.countFinding(category, record, lineNumber, isError);
    const kind = this.agentKind(record);
    if (kind !== 'browser') this.countAgent(kind, record, lineNumber, isError);
  }

  /** Counts the request under its endpoint and returns the path's attack category (both memoized per request line). */
  private countEndpoint(
    record: ParsedLine,
    isError: boolean,
    lineNumber: number,
  ): AttackCategory | undefined {
    let memo = record.requestTag;
    if (memo < 0) {
      memo = record.request.memo ?? this.requestMemo(record.request);
      record.requestTag = memo;
    }
    const code = memo % CATEGORY_CODES;
    const index = (memo - code) / CATEGORY_CODES;
    const tally = this.tallies[index];
    tally.requests++;
    tally.bytes += record.bytes;
    if (isError && ++tally.errors <= EVIDENCE_LINES) {
      tally.firstErrorLines.push(lineNumber);
      if (tally.errors === EVIDENCE_LINES) this.scannerCounts.evidenceFull(index);
    }
    if (!this.tallyStatuses.add(index, record.status))
      tally.statuses[record.status] = (tally.statuses[record.status] ?? 0) + 1;
    return CATEGORIES[code];
  }

  // The memo of a request line seen for the first time: its endpoint and attack category.
  private requestMemo(request: RequestEntry<number>): number {
    // Built from the entry's own (already detached) method and path, so nothing to detach.
    const key = `${request.method} ${endpointPath(request.path)}`;
    let index = this.tallyIndex.get(key);
    if (index === undefined) {
      index = this.tallies.length;
      const tally = { requests: 0, errors: 0, bytes: 0, statuses: {}, firstErrorLines: [] };
      this.tallies.push(tally);
      this.tallyIndex.set(key, index);
      this.part.endpoints.set(key, tally);
    }
    const memo = index * CATEGORY_CODES + CATEGORIES.indexOf(this.attacks.classify(request.path));
    request.memo = memo;
    return memo;
  }

  // Each distinct agent is classified once; the verdict is memoized on the parser's agent entry.
  private agentKind(record: ParsedLine): AgentKind {
    const agent = record.agent;
    if (agent === undefined) return 'browser';
    agent.memo ??= classifyAgent(agent.agent);
    record.agentTag = agent.memo === 'browser' ? PLAIN_AGENT : OTHER_AGENT;
    return agent.memo;
  }

  private countFinding(category: string, record: ParsedLine, lineNumber: number, isError: boolean): void {
    const ip = this.parser.ips.names[record.ipId];
    const key = `${category}\u0000${ip}`;
    const finding = this.findings.get(key);
    const succeeded = record.status >= 200 && record.status < 300 ? 1 : 0;
    if (finding === undefined) {
      this.findings.set(key, {
        category,
        ip,
        sample: detach(record.request.path),
        succeeded,
        ...newEvidence(record.time, lineNumber, isError),
      });
    } else {
      addEvidence(finding, record.time, lineNumber, isError);
      finding.succeeded += succeeded;
    }
  }

  private countAgent(kind: string, record: ParsedLine, lineNumber: number, isError: boolean): void {
    let tally = this.agents.get(record.userAgent ?? '');
    if (tally === undefined) {
      const agent = detach(record.userAgent ?? '');
      tally = { agent, kind, areas: {}, ips: [], ...newEvidence(record.time, lineNumber, isError) };
      this.agents.set(agent, tally);
    } else {
      addEvidence(tally, record.time, lineNumber, isError);
    }
    const area = pathArea(record.request.path);
    if (tally.areas[area] !== undefined) tally.areas[area]++;
    else if (Object.keys(tally.areas).length < MAX_AREAS) tally.areas[detach(area)] = 1;
    const ip = this.parser.ips.names[record.ipId];
    if (tally.ips.length < MAX_AGENT_IPS && !tally.ips.includes(ip)) tally.ips.push(ip);
  }

  /** The finished part. */
  finish(): PartialAggregate {
    const ips = this.parser.ips;
    this.part.ips = this.ipCounters.finish(this.ipMinutes, ips.dottedQuadValues(), ips.dottedQuadTable);
    this.partStatuses.addInto(0, this.part.statuses);
    this.tallies.forEach((tally, index) => this.tallyStatuses.addInto(index, tally.statuses));
    this.scannerCounts.addInto(this.part, this.tallies);
    this.part.ipMinutes = this.ipMinutes.finish(
      [...this.minutesSeen],
      this.minute === NO_MINUTE ? undefined : this.minute,
    );
    this.part.findings = [...this.findings.values()];
    this.part.agents = [...this.agents.values()];
    return this.part;
  }
}
