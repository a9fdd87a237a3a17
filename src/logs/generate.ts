// `sluice logs generate`: writes a realistic, seeded Combined-format access log for one day (daily
// curve, clients, bots, scripts, attacks, one burst, ~0.1% malformed lines). No analysis here.

import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { createAtomicWriteStream } from '../core/files.js';
import { isIsoDate } from '../core/format-time.js';
import { parseClfTime } from './clf-time.js';
import { SeededRandom, WeightedPicker } from './random.js';
import {
  ATTACKS,
  BROWSER_AGENTS,
  CRAWLER_AGENTS,
  ENDPOINTS,
  HOUR_WEIGHTS,
  MALFORMED_SAMPLES,
  SCRIPT_AGENTS,
  SEARCH_WORDS,
} from './traffic-model.js';
import type { EndpointModel } from './traffic-model.js';

/** What to generate. */
export interface GenerateOptions {
  date: string;
  lines: number;
  seed: number;
  out: string;
  /** Extra log lines (e.g. the spec's samples) merged in by their timestamps. */
  mergeFile?: string;
}

interface Client {
  ip: string;
  user: string;
  agent: string;
}

interface TimedLine {
  time: number;
  text: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `17/Jan/2024:08:15:23 +0000` for an epoch-ms instant (UTC). */
export function clfTime(time: number): string {
  const d = new Date(time);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function makeClients(random: SeededRandom, count: number): Client[] {
  return Array.from({ length: count }, (_, i) => {
    const ip = random.chance(0.1)
      ? `2001:db8:${(i >> 8).toString(16)}::${(i & 0xff).toString(16)}`
      : `${random.pick([10, 172, 192])}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
    return {
      ip,
      user: random.chance(0.35) ? `user${random.int(1, Math.max(50, count))}` : '-',
      agent: random.pick(BROWSER_AGENTS),
    };
  });
}

function fillPath(template: string, random: SeededRandom): string {
  return template
    .replace('{n}', String(random.int(1, 5000)))
    .replace('{uuid}', () =>
      [8, 4, 4, 4, 12]
        .map((n) => Array.from({ length: n }, () => random.int(0, 15).toString(16)).join(''))
        .join('-'),
    )
    .replace('{q}', () => encodeURIComponent(random.pick(SEARCH_WORDS)));
}

function requestLine(client: Client, time: number, endpoint: EndpointModel, random: SeededRandom): string {
  const failed = random.chance(endpoint.errorRate);
  const revalidated = !failed && endpoint.path.startsWith('/static') && random.chance(0.3);
  const status = failed ? random.pick(endpoint.errors) : revalidated ? 304 : endpoint.ok;
  const bytes = revalidated
    ? '-'
    : String(Math.max(0, Math.round(endpoint.bytes * (failed ? 0.1 : 0.6 + random.next() * 0.8))));
  const referer = random.chance(0.3) ? 'https://shop.example.com/' : '-';
  return `${client.ip} - ${client.user} [${clfTime(time)}] "${endpoint.method} ${fillPath(endpoint.path, random)} HTTP/1.1" ${status} ${bytes} "${referer}" "${client.agent}"`;
}

function attackLines(random: SeededRandom, dayStart: number): TimedLine[] {
  const out: TimedLine[] = [];
  for (const attack of ATTACKS) {
    const ip = `203.0.113.${random.int(1, 254)}`;
    let time = dayStart + random.int(1 * 3600, 22 * 3600) * 1000;
    const rounds = random.int(2, 3);
    for (let round = 0; round < rounds; round++) {
      for (const r of attack.requests) {
        time += random.int(1, 40) * 1000;
        out.push({
          time,
          text: `${ip} - - [${clfTime(time)}] "${r.method} ${r.path} HTTP/1.1" ${r.status} ${random.int(40, 400)} "-" "${attack.agent}"`,
        });
      }
    }
  }
  return out;
}

function burstLines(random: SeededRandom, dayStart: number): TimedLine[] {
  const ip = `198.51.100.${random.int(1, 254)}`;
  const minuteStart = dayStart + random.int(13 * 60, 17 * 60) * 60_000;
  const count = random.int(150, 220);
  return Array.from({ length: count }, (_, i) => {
    const time = minuteStart + Math.floor((i / count) * 59_000);
    return {
      time,
      text: `${ip} - - [${clfTime(time)}] "GET /api/products/${random.int(1, 5000)} HTTP/1.1" 200 ${random.int(500, 1300)} "-" "python-requests/2.31.0"`,
    };
  });
}

/** The k-th malformed line: the kinds take turns, so a few days show every kind. */
function malformedLine(line: string, kind: number, time: number, random: SeededRandom): string {
  const sample = kind % (MALFORMED_SAMPLES.length + 1);
  if (sample === MALFORMED_SAMPLES.length) return line.slice(0, random.int(10, line.length - 5));
  return MALFORMED_SAMPLES[sample].replace('{clf}', clfTime(time));
}

function mergedLines(path: string): TimedLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((text) => ({ time: parseClfTime(/\[[^\]]*\]/.exec(text)?.[0] ?? '') ?? 0, text }));
}

/** Background request times for `count` lines, following the hourly curve, sorted. */
function backgroundTimes(random: SeededRandom, count: number, dayStart: number): Float64Array {
  const hours = new WeightedPicker(
    HOUR_WEIGHTS.map((_, h) => h),
    HOUR_WEIGHTS,
  );
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++)
    times[i] =
      dayStart + hours.pick(random) * 3_600_000 + Math.floor((random.next() * 3_600_000) / 1000) * 1000;
  return times.sort();
}

/** Generate the log; returns the number of lines written. */
export async function generateLog(options: GenerateOptions): Promise<number> {
  if (!isIsoDate(options.date))
    throw new UsageError(`--date must be YYYY-MM-DD, got "${options.date}"`, 'for example --date 2024-01-17');
  if (!Number.isInteger(options.lines) || options.lines < 100)
    throw new UsageError(
      `--lines must be a whole number of at least 100, got "${options.lines}"`,
      'for example --lines 5000',
    );
  const random = new SeededRandom(options.seed);
  const dayStart = Date.parse(`${options.date}T00:00:00Z`);
  const specials = [
    ...attackLines(random, dayStart),
    ...burstLines(random, dayStart),
    ...(options.mergeFile ? mergedLines(options.mergeFile) : []),
  ].sort((a, b) => a.time - b.time);
  const background = Math.max(0, options.lines - specials.length);
  const clients = makeClients(random, Math.max(40, Math.round(background / 60)));
  const others: Client[] = [
    ...CRAWLER_AGENTS.map((agent, i) => ({ ip: `66.249.66.${10 + i}`, user: '-', agent })),
    ...SCRIPT_AGENTS.map((agent, i) => ({ ip: `10.0.0.${50 + i}`, user: '-', agent })),
    { ip: '10.0.0.99', user: '-', agent: '-' },
  ];
  const endpoints = new WeightedPicker(
    ENDPOINTS,
    ENDPOINTS.map((e) => e.weight),
  );
  const times = backgroundTimes(random, background, dayStart);
  let malformedKind = random.int(0, MALFORMED_SAMPLES.length);
  const malformedAt = new Set(
    Array.from({ length: Math.max(3, Math.round(background / 1000)) }, () => random.int(0, background - 1)),
  );
  const target = createAtomicWriteStream(options.out);
  let buffer: string[] = [];
  let written = 0;
  let next = 0;
  const emit = async (text: string) => {
    buffer.push(text);
    written++;
    if (buffer.length >= 5000) {
      if (!target.stream.write(`${buffer.join('\n')}\n`))
        await new Promise<void>((resolve) => target.stream.once('drain', () => resolve()));
      buffer = [];
    }
  };
  try {
    for (let i = 0; i < background; i++) {
      while (next < specials.length && specials[next].time <= times[i]) await emit(specials[next++].text);
      const client = random.chance(0.03)
        ? random.pick(others)
        : clients[Math.floor(clients.length * random.next() ** 1.6)];
      const line = requestLine(client, times[i], endpoints.pick(random), random);
      if (malformedAt.has(i)) await emit(malformedLine(line, malformedKind++, times[i], random));
      else await emit(line);
    }
    while (next < specials.length) await emit(specials[next++].text);
    target.stream.write(buffer.length > 0 ? `${buffer.join('\n')}\n` : '');
    await target.commit();
  } catch (error) {
    target.abort();
    throw error;
  }
  return written;
}
