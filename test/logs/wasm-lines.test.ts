// The compiled scanner's path (WasmLines + the TypeScript parser for what it does not take) against
// the TypeScript path alone (LineSplitter + LineParser): the same lines in the same order, the same
// verdicts and reject reasons, the same fields and IP numbers, however the bytes are cut into blocks.

import { describe, expect, it } from 'vitest';
import { IpCounters } from '../../src/logs/ip-counters.js';
import { LineParser, USER_BY_TEXT } from '../../src/logs/parse-line.js';
import type { LogRecord } from '../../src/logs/parse-line.js';
import { LineSplitter } from '../../src/logs/scan-task.js';
import { WasmLines } from '../../src/logs/wasm-lines.js';
import { newScanner } from '../../src/logs/wasm-module.js';
import { exampleLines, mutations, tricky } from './cases/parser-lines.js';

// A line's verdict, or the fields both paths give (the IP and the user as text).
type Outcome =
  | string
  | (Pick<LogRecord, 'ipId' | 'user' | 'time' | 'status' | 'bytes' | 'userAgent' | 'requestTag'> & {
      ip: string;
      method: string;
      path: string;
      protocol: string;
    });

const clock = { offsetMs: 0, dayStartMinute: 0 };

/** The record's user: its text, or (from the scanner) its number in `counters`. */
function userOf(record: LogRecord, counters: IpCounters | undefined): string {
  if (record.userNumber === USER_BY_TEXT) return record.user;
  return record.userNumber < 0 ? '' : (counters?.users[record.userNumber] ?? '?');
}

// The line's verdict, or its fields with the IP's text from `parser`'s numbering.
function outcome(
  problem: string | undefined,
  parser: LineParser,
  record: LogRecord,
  counters?: IpCounters,
): Outcome {
  if (problem !== undefined) return problem;
  const { ipId, time, status, bytes, userAgent, requestTag, request, agent } = record;
  expect(agent?.agent).toBe(userAgent);
  const ip = parser.ips.names[ipId];
  const user = userOf(record, counters);
  const { method, path, protocol } = request;
  return { ipId, user, time, status, bytes, userAgent, requestTag, ip, method, path, protocol };
}

/** Push `bytes` in blocks of `blockSize` through `reader`, then end it. */
function feed(reader: { push(block: Buffer): void; end(): void }, bytes: Buffer, blockSize: number): void {
  for (let at = 0; at < bytes.length; at += blockSize) reader.push(bytes.subarray(at, at + blockSize));
  reader.end();
}

function typeScriptPath(bytes: Buffer, format: string): Outcome[] {
  const parser = new LineParser(format);
  const out: Outcome[] = [];
  feed(
    new LineSplitter((line) => out.push(outcome(parser.parse(line), parser, parser.record))),
    bytes,
    65536,
  );
  return out;
}

function wasmPath(bytes: Buffer, format: string, blockSize: number): { outcomes: Outcome[]; parsed: number } {
  const parser = new LineParser(format);
  const counters = new IpCounters(parser.ips.names, clock);
  const outcomes: Outcome[] = [];
  let parsed = 0;
  const sink = {
    line: (text: string) => outcomes.push(outcome(parser.parse(text), parser, parser.record)),
    parsed: (record: LogRecord) => {
      parsed++;
      outcomes.push(outcome(undefined, parser, record, counters));
    },
  };
  feed(new WasmLines(sink, parser.ips, counters), bytes, blockSize);
  return { outcomes, parsed };
}

/** Both paths agree on `bytes` for several block sizes; returns how many lines the scanner parsed. */
function expectSamePaths(bytes: Buffer, format = 'auto'): number {
  const expected = typeScriptPath(bytes, format);
  let parsed = 0;
  for (const blockSize of [65536, 1000, 37]) {
    const got = wasmPath(bytes, format, blockSize);
    expect(got.outcomes.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expect(got.outcomes[i], `line ${i + 1}`).toEqual(expected[i]);
    parsed = got.parsed;
  }
  return parsed;
}

const line = (
  ip: string,
  user: string,
  time: string,
  request: string,
  status: string,
  bytes: string,
  agent: string,
) => `${ip} - ${user} [${time}] "${request}" ${status} ${bytes} "-" "${agent}"`;
const ok = (
  change: Partial<Record<'ip' | 'user' | 'time' | 'request' | 'status' | 'bytes' | 'agent', string>>,
) =>
  line(
    change.ip ?? '10.0.0.1',
    change.user ?? '-',
    change.time ?? '17/Jan/2024:08:15:23 +0100',
    change.request ?? 'GET /a HTTP/1.1',
    change.status ?? '200',
    change.bytes ?? '512',
    change.agent ?? 'Mozilla/5.0',
  );

const edgeLines = [
  ok({}),
  ok({ ip: '::1' }),
  ok({ ip: '2001:db8::7' }),
  ok({ ip: '999.1.1.1' }),
  ok({ ip: '01.2.3.4' }),
  ok({ ip: 'example.org' }),
  ok({ user: 'bob' }),
  ok({ user: 'alice' }),
  ok({ user: '-x' }),
  ok({ time: '29/Feb/2024:00:00:00 +0000' }),
  ok({ time: '29/Feb/2023:00:00:00 +0000' }),
  ok({ time: '31/Dec/2023:23:59:60 +0000' }),
  ok({ time: '17/Jan/0099:08:15:23 +0000' }),
  ok({ time: '17/Jan/2024:08:15:23 +1500' }),
  ok({ time: '17/Jan/2024:08:15:23+0100' }),
  ok({ request: 'get / HTTP/1.1' }),
  ok({ request: 'GET' }),
  ok({ request: 'GET  HTTP/1.1' }),
  ok({ request: 'GET /a\\"b HTTP/1.1' }),
  ok({ request: 'GET /x' }),
  ok({ status: '099' }),
  ok({ status: '600' }),
  ok({ status: '0200' }),
  ok({ bytes: '-' }),
  ok({ bytes: '1234567890123456' }),
  ok({ bytes: '123456789012345' }),
  ok({ bytes: '1-2' }),
  ok({ agent: 'curl/8.0' }),
  ok({ agent: 'x\\\\' }),
  ok({ agent: 'Mozilla/5.0 (é)' }),
  ok({ request: 'GET /café HTTP/1.1' }),
  '',
  '   ',
  '\t' + ok({}),
  ok({}) + '\r',
  ok({}) + ' ',
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5',
  ok({ agent: 'a'.repeat(200_000) }),
];

describe('WasmLines', () => {
  it('agrees with the TypeScript path on every example line, parsing most itself', () => {
    const bytes = Buffer.from(exampleLines.join('\n'));
    const parsed = expectSamePaths(bytes);
    expect(parsed).toBeGreaterThan(exampleLines.length * 0.9);
  });

  it('agrees on tricky, edge-case and 20,000 mutated lines, with LF or CRLF and no final newline', () => {
    const lines = [...tricky, ...edgeLines, ...mutations(exampleLines.filter(Boolean), 20_000)];
    expectSamePaths(Buffer.from(lines.join('\n')));
    expectSamePaths(Buffer.from(lines.join('\r\n') + '\r\n'));
  });

  it('agrees on bytes that are not UTF-8 and on a Combined format given as a string', () => {
    const good = Buffer.from(ok({}) + '\n');
    const bad = Buffer.from(ok({ agent: 'ab' }) + '\n');
    bad[bad.length - 5] = 0xff;
    const cut = Buffer.from(ok({ agent: 'é' }));
    const bytes = Buffer.concat([good, bad, cut.subarray(0, cut.length - 3), Buffer.from('"\n'), good]);
    expectSamePaths(bytes);
    expectSamePaths(bytes, 'combined');
  });
});

describe('request tags', () => {
  it('bring back the number a sink gave a request line, on later lines of the same text only', () => {
    const parser = new LineParser('auto');
    const seen: [string, number][] = [];
    const rejected: string[] = [];
    const sink = {
      line: (text: string) => rejected.push(text),
      parsed: (record: LogRecord) => {
        seen.push([record.request.path, record.requestTag]);
        if (record.requestTag < 0) record.requestTag = record.request.path === '/a' ? 7 : 0;
      },
    };
    const reader = new WasmLines(sink, parser.ips, new IpCounters(parser.ips.names, clock));
    // One line per block, so each is scanned after the sink has seen the one before.
    const requests = [
      'GET /a HTTP/1.1',
      'GET /b HTTP/1.1',
      'GET /a HTTP/1.1',
      'bad request',
      'GET /b HTTP/1.1',
      'bad request',
    ];
    for (const request of requests) reader.push(Buffer.from(ok({ request }) + '\n'));
    reader.end();
    expect(seen).toEqual([
      ['/a', -1],
      ['/b', -1],
      ['/a', 7],
      ['/b', 0],
    ]);
    expect(rejected).toEqual([ok({ request: 'bad request' }), ok({ request: 'bad request' })]);
  });
});

describe('the scanner input area', () => {
  it('grows by doubling, so a long line arriving block by block does not grow memory once per block', () => {
    const scanner = newScanner(128 * 1024, clock);
    let kept = 0;
    for (let block = 0; block < 128; block++) {
      scanner.reserveInput(kept, kept + 65536);
      kept += 65536;
    }
    // 8 MB kept; re-allocating exactly per block would have taken over 500 MB.
    expect(scanner.memory.buffer.byteLength).toBeLessThan(64 * 1024 * 1024);
  });
});
