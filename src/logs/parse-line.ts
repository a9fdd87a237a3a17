// Turns one access-log line into a typed record (ip, user, instant, request, status, bytes, agent),
// or a reason it is malformed. It does not aggregate or judge lines; see accumulate.ts and detectors.

import { ClfTimeCache } from './clf-time.js';
import { emptyCombinedFields, scanCombined } from './combined-scan.js';
import { detach } from './detach.js';
import { IpNumbering, NEW_IP, NOT_AN_IP } from './ip-numbering.js';
import { COMBINED_FORMAT, COMMON_FORMAT, compileFormat, emptyRawFields, scanLine } from './log-format.js';
import type { CompiledFormat, RawFields } from './log-format.js';
import type { CombinedFields } from './combined-scan.js';
import { TextTable } from './text-table.js';

/**
 * A distinct request line (`METHOD PATH PROTOCOL`) the parser has seen, split and unescaped once.
 * `memo` is the caller's: filled on first use, it rides along with every later line of the same text.
 */
export interface RequestEntry<Memo> {
  method: string;
  path: string;
  protocol: string;
  memo: Memo | undefined;
}

/** A distinct user agent the parser has seen (unescaped), with the caller's memo. */
export interface AgentEntry<Memo> {
  agent: string;
  memo: Memo | undefined;
}

/** One parsed request. `userAgent` is undefined when the format does not log it. */
export interface LogRecord<RequestMemo = unknown, AgentMemo = unknown> {
  /** The IP's number in this parser: 0, 1, 2... in order of first appearance (its text: `ips.names`). */
  ipId: number;
  /** The authenticated user, or '' for `-` (and on the compiled scanner's lines, which give `userNumber`). */
  user: string;
  /** Epoch milliseconds (UTC), the logged offset applied. */
  time: number;
  status: number;
  /** Response bytes; `-` counts as 0. */
  bytes: number;
  userAgent: string | undefined;
  /** The request's shared entry: method, path, protocol and the caller's memo. */
  request: RequestEntry<RequestMemo>;
  /**
   * The caller's number for this request line, or -1. The compiled scanner's path (wasm-lines.ts)
   * brings back whatever non-negative number the sink left here on an earlier line of the same text,
   * without reading the entry; the TypeScript parser always gives -1.
   */
  requestTag: number;
  /** The caller's number for this user agent text, or -1, brought back as requestTag is. */
  agentTag: number;
  /** The user agent's shared entry, undefined when the format does not log it. */
  agent: AgentEntry<AgentMemo> | undefined;
  /**
   * Where the compiled scanner keeps the IP's counters (a byte address in its memory), or -1: the
   * TypeScript parser's lines, whose IP the counters find by its text (ip-counters.ts).
   */
  ipBlock: number;
  /** Whether the compiled scanner has already counted the line in its IP's counters. */
  ipCounted: boolean;
  /** With ipCounted: the byte address of the IP's previous per-minute run the scanner closed, or -1. */
  ipRow: number;
  /** The user's number in the IP counters' numbering (-1 for none), or USER_BY_TEXT: look `user` up. */
  userNumber: number;
}

/** LogRecord.userNumber of a line whose user the IP counters look up by its text. */
export const USER_BY_TEXT = -2;

/** Undo Apache's escaping of `"` and `\` inside quoted fields; other `\xhh` escapes stay as written. */
export function unescapeField(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(["\\])/g, '$1');
}

function isMethodToken(text: string): boolean {
  if (text.length === 0 || text.length > 20) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || c === 45 || c === 95)) return false;
  }
  return true;
}

function parseDigits(text: string, start = 0, end = text.length): number {
  if (end <= start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** A blank record, for a parser to fill line after line. */
export function emptyRecord<RequestMemo, AgentMemo>(): LogRecord<RequestMemo, AgentMemo> {
  return {
    ipId: 0,
    user: '',
    time: 0,
    status: 0,
    bytes: 0,
    userAgent: undefined,
    request: { method: '', path: '', protocol: '', memo: undefined },
    requestTag: -1,
    agentTag: -1,
    agent: undefined,
    ipBlock: -1,
    ipCounted: false,
    ipRow: -1,
    userNumber: USER_BY_TEXT,
  };
}

/**
 * Split and check a request line (`METHOD PATH PROTOCOL`): its new entry, or why it is malformed.
 * `fresh`: the text was decoded on its own, not cut from a larger block, so its parts are kept as
 * they are instead of being copied (detach) to let the block go.
 */
export function splitRequest<Memo>(text: string, fresh = false): RequestEntry<Memo> | string {
  const firstSpace = text.indexOf(' ');
  const lastSpace = text.lastIndexOf(' ');
  const method = firstSpace < 0 ? text : text.slice(0, firstSpace);
  if (firstSpace < 0 || !isMethodToken(method)) return 'request is not "METHOD PATH PROTOCOL"';
  const hasProtocol = lastSpace > firstSpace && text.startsWith('HTTP/', lastSpace + 1);
  const path = hasProtocol ? text.slice(firstSpace + 1, lastSpace) : text.slice(firstSpace + 1);
  if (path.length === 0) return 'request has an empty path';
  const own = fresh ? (part: string) => part : detach;
  return {
    method: own(method),
    path: own(unescapeField(path)),
    protocol: hasProtocol ? own(text.slice(lastSpace + 1)) : '',
    memo: undefined,
  };
}

// Distinct request lines and agents remembered per parser; past this the cache starts over, so
// a log of unique targets cannot grow it without bound.
const MAX_CACHED = 100_000;
// Recently used request lines and agents compared in place before the full lookup (see text-table.ts).
const REQUEST_CACHE_SLOTS = 8192;
const AGENT_CACHE_SLOTS = 1024;

/**
 * A reusable parser for one log format ('combined', 'common', 'auto' = combined then common, or a
 * LogFormat string). `parse` fills `record` (the same object every call) and returns undefined,
 * or returns why the line is malformed. Each distinct request line and user agent is split and
 * unescaped once; its entry carries a memo of the caller's type (`RequestMemo`, `AgentMemo`).
 */
export class LineParser<RequestMemo = unknown, AgentMemo = unknown> {
  readonly record: LogRecord<RequestMemo, AgentMemo>;
  private readonly formats: CompiledFormat[];
  private readonly raw: RawFields = emptyRawFields();
  // Set when the first format is Combined: most lines then take the string-free fast scan.
  private readonly fast: CombinedFields | undefined;
  /** Every valid IP seen, numbered in order of first appearance (the accumulator's table index). */
  readonly ips = new IpNumbering();
  private readonly requests = new TextTable<RequestEntry<RequestMemo>>(REQUEST_CACHE_SLOTS, MAX_CACHED);
  private readonly agents = new TextTable<AgentEntry<AgentMemo>>(AGENT_CACHE_SLOTS, MAX_CACHED);
  private readonly times = new ClfTimeCache();

  constructor(format: string) {
    const sources =
      format === 'auto'
        ? [COMBINED_FORMAT, COMMON_FORMAT]
        : [format === 'combined' ? COMBINED_FORMAT : format === 'common' ? COMMON_FORMAT : format];
    this.formats = sources.map((source) => compileFormat(source));
    this.fast = sources[0] === COMBINED_FORMAT ? emptyCombinedFields() : undefined;
    this.record = emptyRecord();
  }

  /** Whether the first format is Combined, so lines the fast Combined scan accepts are parsed by it. */
  get combinedFirst(): boolean {
    return this.fast !== undefined;
  }

  /** Parse `line` into `this.record`; returns undefined on success or the reason it was rejected. */
  parse(line: string): string | undefined {
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) return 'empty line';
    if (this.fast !== undefined && scanCombined(line, this.fast) && this.fillCombined(line, this.fast))
      return undefined;
    let firstProblem: string | undefined;
    for (const format of this.formats) {
      const problem = scanLine(format, line, this.raw) ?? this.fill(format);
      if (problem === undefined) return undefined;
      firstProblem ??= problem;
    }
    return firstProblem;
  }

  private fill(format: CompiledFormat): string | undefined {
    const raw = this.raw;
    let ipId = this.ips.find(raw.ip);
    if (ipId === NOT_AN_IP) return `not an IP address: ${raw.ip.slice(0, 60)}`;
    const time = this.times.read(raw.time, 0, raw.time.length);
    if (time === undefined) return `bad timestamp ${raw.time.slice(0, 40)}`;
    const request = this.requests.get(raw.request, 0, raw.request.length) ?? this.newRequest(raw.request);
    if (typeof request === 'string') return request;
    const status = parseDigits(raw.status);
    if (status < 100 || status > 599) return `bad status ${raw.status.slice(0, 20)}`;
    const bytes = format.hasBytes && raw.bytes !== '-' ? parseDigits(raw.bytes) : 0;
    if (bytes < 0) return `bad byte count ${raw.bytes.slice(0, 20)}`;
    if (ipId === NEW_IP) ipId = this.ips.add(raw.ip);
    const agent = format.hasUserAgent
      ? (this.agents.get(raw.userAgent, 0, raw.userAgent.length) ?? this.newAgent(raw.userAgent))
      : undefined;
    const user = !format.hasUser || raw.user === '-' ? '' : raw.user;
    this.setRecord(ipId, user, time, request, status, bytes, agent);
    return undefined;
  }

  /**
   * `fill` for a line `scanCombined` split: the same checks and values, reading the time, status and
   * bytes in place. Returns false, changing nothing, when any check fails (the caller then takes the
   * general path, which says why).
   */
  private fillCombined(line: string, at: CombinedFields): boolean {
    let ipId = this.ips.findIn(line, 0, at.ipEnd);
    if (ipId === NOT_AN_IP) return false;
    const time = this.times.read(line, at.timeStart, at.timeEnd);
    if (time === undefined) return false;
    const request =
      this.requests.get(line, at.requestStart, at.requestEnd) ??
      this.newRequest(line.slice(at.requestStart, at.requestEnd));
    if (typeof request === 'string') return false;
    const status = parseDigits(line, at.statusStart, at.statusEnd);
    if (status < 100 || status > 599) return false;
    const dash = at.bytesEnd - at.bytesStart === 1 && line.charCodeAt(at.bytesStart) === 45; /* - */
    const bytes = dash ? 0 : parseDigits(line, at.bytesStart, at.bytesEnd);
    if (bytes < 0) return false;
    if (ipId === NEW_IP) ipId = this.ips.add(line.slice(0, at.ipEnd));
    const agent =
      this.agents.get(line, at.agentStart, at.agentEnd) ??
      this.newAgent(line.slice(at.agentStart, at.agentEnd));
    const noUser = at.userEnd - at.userStart === 1 && line.charCodeAt(at.userStart) === 45;
    this.setRecord(
      ipId,
      noUser ? '' : line.slice(at.userStart, at.userEnd),
      time,
      request,
      status,
      bytes,
      agent,
    );
    return true;
  }

  /** Fill the reused record with one parsed line's values. */
  private setRecord(
    ipId: number,
    user: string,
    time: number,
    request: RequestEntry<RequestMemo>,
    status: number,
    bytes: number,
    agent: AgentEntry<AgentMemo> | undefined,
  ): void {
    const record = this.record;
    record.ipId = ipId;
    record.user = user;
    record.time = time;
    record.status = status;
    record.bytes = bytes;
    record.userAgent = agent?.agent;
    record.request = request;
    record.requestTag = -1;
    record.agentTag = -1;
    record.agent = agent;
  }

  /** Split and check a request line not seen yet; returns its new entry or why it is malformed. */
  private newRequest(text: string): RequestEntry<RequestMemo> | string {
    const entry = splitRequest<RequestMemo>(text);
    if (typeof entry !== 'string') this.requests.set(text, entry);
    return entry;
  }

  private newAgent(text: string): AgentEntry<AgentMemo> {
    const entry: AgentEntry<AgentMemo> = { agent: detach(unescapeField(text)), memo: undefined };
    this.agents.set(text, entry);
    return entry;
  }
}
