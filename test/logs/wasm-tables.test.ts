// The WebAssembly scanner's parts, compiled from their AssemblyScript sources with a small harness
// (test/logs/wasm/harness.ts): the text and IPv4 hash tables against a Map, the dotted-quad rule
// against ipv4Value, and the timestamp reader against parseClfTime.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseClfTime } from '../../src/logs/clf-time.js';
import { ipv4Value } from '../../src/logs/ip-numbering.js';
import { SeededRandom } from '../../src/logs/random.js';

interface Harness {
  memory: WebAssembly.Memory;
  reset(limit: number): number;
  internText(length: number): number;
  internIpText(length: number): number;
  internTextHeld(length: number): number;
  same(length: number): number;
  internValue(value: number): number;
  dottedQuad(length: number): number;
  clfTime(length: number): number;
}

let harness: Harness;
let scratch = 0;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-wasm-'));
  try {
    const out = join(dir, 'harness.wasm');
    const source = fileURLToPath(new URL('./wasm/harness.ts', import.meta.url));
    const result = await asc.main([
      source,
      '-O3',
      '--runtime',
      'stub',
      '--noAssert',
      '--enable',
      'simd',
      '--outFile',
      out,
    ]);
    if (result.error) throw result.error;
    const module = new WebAssembly.Module(readFileSync(out));
    const instance = new WebAssembly.Instance(module, {
      env: {
        abort: () => {
          throw new Error('abort');
        },
      },
    });
    harness = instance.exports as unknown as Harness;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Put `text` (Latin-1) in the scratch area; returns its length. */
function put(text: string): number {
  Buffer.from(harness.memory.buffer).write(text, scratch, 'latin1');
  return text.length;
}

/**
 * The numbers a table of `limit` should give, from a Map that starts over the same way: a known key's
 * number, or -1 - number for a new one (the harness's convention).
 */
function referenceNumbers<Key>(limit: number): (key: Key) => number {
  let numbers = new Map<Key, number>();
  return (key) => {
    const known = numbers.get(key);
    if (known !== undefined) return known;
    if (numbers.size >= limit) numbers = new Map();
    numbers.set(key, numbers.size);
    return -numbers.size;
  };
}

/** Intern each text in a fresh table of `limit`: the numbers referenceNumbers gives. */
function expectSameNumbers(texts: readonly string[], limit: number): void {
  scratch = harness.reset(limit);
  const expected = referenceNumbers<string>(limit);
  for (const text of texts) expect(harness.internText(put(text)), text).toBe(expected(text));
}

describe('TextTable (WebAssembly)', () => {
  it('numbers distinct texts in order and finds them again, across slot growth', () => {
    const random = new SeededRandom(5);
    const pool = Array.from({ length: 20_000 }, (_, i) => `GET /items/${i} HTTP/1.1`);
    pool.push('', 'a', 'ab', 'abcdefgh', 'abcdefghi', 'abcdefgh\u0000', 'x'.repeat(5000), 'x'.repeat(5001));
    const texts = Array.from({ length: 60_000 }, () => random.pick(pool));
    expectSameNumbers([...pool, ...texts], 100_000);
  });

  it('tells apart texts that differ only in length, one byte or trailing zero bytes', () => {
    const texts = ['abc', 'abc\u0000', 'abd', 'abcdefgh12345678', 'abcdefgh12345679', 'bbcdefgh12345678'];
    expectSameNumbers([...texts, ...texts.reverse()], 100);
  });

  it('compares bytes exactly, whatever the length and wherever two texts differ', () => {
    scratch = harness.reset(10);
    const bytes = Buffer.from(harness.memory.buffer);
    for (let length = 0; length <= 40; length++) {
      const text = Array.from({ length }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
      put(text);
      bytes.write(text, scratch + 32768, 'latin1');
      expect(harness.same(length), `length ${length}`).toBe(1);
      for (let at = 0; at < length; at++) {
        bytes[scratch + 32768 + at] ^= 1;
        expect(harness.same(length), `length ${length}, byte ${at}`).toBe(0);
        bytes[scratch + 32768 + at] ^= 1;
      }
    }
  });

  it('starts over at its limit, numbering from 0 again', () => {
    const texts = Array.from({ length: 1000 }, (_, i) => `agent ${i % 350}`);
    expectSameNumbers(texts, 100);
  });

  it('when it may not start over, leaves a new text out at its limit (-2) and still finds known ones', () => {
    scratch = harness.reset(3);
    for (const text of ['a', 'b', 'c']) harness.internText(put(text));
    expect(harness.internTextHeld(put('d'))).toBe(-2);
    expect(harness.internTextHeld(put('b'))).toBe(1);
    // Allowed to, it starts over: 'd' is number 0 of a new round.
    expect(harness.internText(put('d'))).toBe(-1);
  });

  it('with counter blocks, refuses a new text at its limit until cleared, then numbers from 0 again', () => {
    const texts = Array.from({ length: 3000 }, (_, i) => `2001:db8::${(i * 7919) % 450}`);
    for (const limit of [100_000, 100]) {
      scratch = harness.reset(limit);
      const expected = referenceNumbers<string>(limit);
      for (const text of texts) expect(harness.internIpText(put(text)), text).toBe(expected(text));
    }
  });
});

describe('Ipv4Table (WebAssembly)', () => {
  it('numbers values in order (0 included), grows, and starts over at its limit', () => {
    for (const limit of [100_000, 500]) {
      harness.reset(limit);
      const expected = referenceNumbers<number>(limit);
      const random = new SeededRandom(9);
      const values = [
        0,
        0xffffffff,
        1,
        ...Array.from({ length: 30_000 }, () => random.int(0, 5000) * 77_777),
      ];
      for (const value of values) expect(harness.internValue(value)).toBe(expected(value));
    }
  });

  it('reads dotted quads exactly as ipv4Value does', () => {
    scratch = harness.reset(10);
    const random = new SeededRandom(3);
    const pieces = ['0', '1', '9', '10', '01', '255', '256', '999', '00', '', '.', 'a', ' ', '1000'];
    const texts = ['1.2.3.4', '0.0.0.0', '255.255.255.255', '1.2.3', '1.2.3.4.5', '::1', '1.2.3.04'];
    for (let i = 0; i < 5000; i++)
      texts.push(Array.from({ length: random.int(1, 5) }, () => random.pick(pieces)).join('.'));
    for (const text of texts) expect(harness.dottedQuad(put(text)), text).toBe(ipv4Value(text));
  });
});

describe('readClfTime (WebAssembly)', () => {
  it('gives parseClfTime’s instant, or NaN where parseClfTime has none or Date.UTC rolls over', () => {
    scratch = harness.reset(10);
    const random = new SeededRandom(17);
    const months = [
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
      'jan',
      'Foo',
    ];
    const two = (n: number) => String(n).padStart(2, '0');
    const texts = [
      '[17/Jan/2024:08:15:23 +0100]',
      '[29/Feb/2024:00:00:00 +0000]',
      '[29/Feb/2023:00:00:00 +0000]',
      '[29/Feb/2000:00:00:00 +0000]',
      '[29/Feb/1900:00:00:00 +0000]',
      '[31/Dec/2023:23:59:60 +0000]',
      '[17/Jan/0099:08:15:23 +0000]',
      '[17/Jan/0100:08:15:23 +0000]',
      '[17/Jan/9999:23:59:59 -1459]',
      '[17/Jan/2024:08:15:23 +1500]',
      '[17/Jan/2024:08:15:23 *0100]',
      '[17/Jan/2024:08:15:23 +0100',
      '[17/Jan/2024:08:15:23  +0100]',
      '[1x/Jan/2024:08:15:23 +0100]',
    ];
    for (let i = 0; i < 20_000; i++) {
      const day = two(random.int(0, 32));
      const year = String(random.pick([random.int(0, 9999), random.int(1999, 2030)])).padStart(4, '0');
      const time = `${two(random.int(0, 25))}:${two(random.int(0, 61))}:${two(random.int(0, 61))}`;
      const offset = `${random.pick(['+', '-'])}${two(random.int(0, 15))}${two(random.int(0, 60))}`;
      texts.push(`[${day}/${random.pick(months)}/${year}:${time} ${offset}]`);
    }
    let compared = 0;
    for (const text of texts) {
      const expected = parseClfTime(text);
      const got = harness.clfTime(put(text));
      const leftToTypeScript = text.slice(19, 21) === '60' || Number(text.slice(8, 12)) < 100;
      if (Number.isNaN(got) && (expected === undefined || leftToTypeScript)) continue;
      expect(got, text).toBe(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('reads a text again as the previous one only when all 28 bytes are equal', () => {
    scratch = harness.reset(10);
    const base = '[17/Jan/2024:08:15:23 +0100]';
    const read = (text: string) => harness.clfTime(put(text));
    for (let at = 0; at < base.length; at++) {
      const code = base.charCodeAt(at);
      const changed = code >= 48 && code <= 57 ? String.fromCharCode(48 + ((code - 47) % 10)) : 'x';
      const variant = base.slice(0, at) + changed + base.slice(at + 1);
      expect(read(base)).toBe(parseClfTime(base));
      expect(read(base)).toBe(parseClfTime(base));
      expect(read(variant), variant).toBe(parseClfTime(variant) ?? NaN);
      expect(read(variant), variant).toBe(parseClfTime(variant) ?? NaN);
    }
  });
});
