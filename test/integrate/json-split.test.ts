import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractEcommerce, RunNotReadAlone } from '../../src/integrate/extract.js';
import { elementsBefore, splitJsonFile } from '../../src/integrate/json-split.js';
import type { JsonRange } from '../../src/integrate/json-split.js';
import type { RawCustomer } from '../../src/integrate/types.js';

/** Elements whose strings hold everything a naive scan would trip on. */
const TRICKY = [
  '{"id": "E1", "name": "A, [B] {C}", "contact": {"email": "a@x.io"}}',
  '{"id": "E2", "name": "quote \\" inside, and a backslash at the end \\\\"}',
  '{"id": "E3", "name": "\\\\\\"], {", "tags": [[1, 2], {"k": [3]}]}',
  '  {"id": "E4", "name": "Zoë 日本 😀, ok"}\n',
  '"just a string, with a comma"',
  '{"name": "no id"}',
  '[1, [2, 3]]',
  '{"id": 8, "name": "Ann"}',
  '{"id": "E9", "name": "a cut here is wrong: }, {", "orders": [{"n": 1}, {"n": 2},\n{"n": 3}]}',
];

function elements(count: number): string[] {
  return Array.from({ length: count }, (_, i) => TRICKY[i % TRICKY.length]);
}

const wrappedDoc = (items: string[]) => ` {\n "customers" :\t[\n${items.join(',\n')}\n] } \n`;
const bareDoc = (items: string[]) => `[${items.join(',')}]`;

/** Each range parsed as `[range]`, concatenated; null when one does not parse (its reader then reads the whole file). */
function parseRanges(text: string, ranges: JsonRange[]): unknown[] | null {
  const bytes = Buffer.from(text);
  try {
    return ranges.flatMap((r) => JSON.parse(`[${bytes.toString('utf8', r.start, r.end)}]`) as unknown[]);
  } catch {
    return null;
  }
}

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'json-split-')), 'e.json');
  writeFileSync(path, content);
  return path;
}

describe('splitJsonFile', () => {
  it.each([
    ['{"customers": [...]}', wrappedDoc, true],
    ['a bare array', bareDoc, false],
  ])('cuts %s into runs that, when each parses, give the whole list', (_, doc, wrapped) => {
    let parsed = 0;
    for (let count = 20; count < 60; count += 3) {
      const text = doc(elements(count));
      const path = file(text);
      const whole = JSON.parse(text) as unknown;
      const list = wrapped ? (whole as { customers: unknown[] }).customers : whole;
      for (const parts of [2, 3, 5]) {
        const ranges = splitJsonFile(path, parts) ?? [];
        expect(ranges).toHaveLength(parts);
        const items = parseRanges(text, ranges);
        if (items === null) continue;
        parsed++;
        expect(items).toEqual(list);
        let index = 0;
        for (const range of ranges) {
          expect(range.wrapped).toBe(wrapped);
          expect(elementsBefore(path, range)).toBe(index);
          index += (JSON.parse(`[${Buffer.from(text).toString('utf8', range.start, range.end)}]`) as [])
            .length;
        }
      }
    }
    expect(parsed).toBeGreaterThan(20);
  });

  it('guesses a cut inside a string, which the range before it does not parse', () => {
    const inString = `{"id": "E1", "note": "${'x'.repeat(500)}}, {${'y'.repeat(500)}"}`;
    const text = bareDoc([inString, '{"id": "E2"}']);
    const ranges = splitJsonFile(file(text), 2) ?? [];
    expect(ranges).toHaveLength(2);
    expect(ranges[0].end).toBeLessThan(text.indexOf('E2'));
    expect(parseRanges(text, ranges)).toBeNull();
  });

  it.each([
    ['a byte-order mark', '\ufeff[{"id": 1}, {"id": 2}, {"id": 3}]'],
    ['elements that are not objects', '[1, 2, 3, 4, "a", [5]]'],
    ['too few elements', '[{"id": 1}]'],
    ['an empty list', '{"customers": []}'],
    ['not a list', '{"customers": 5}'],
    ['no closing bracket', '[{"id": 1}, {"id": 2}, {"id": 3}'],
  ])('gives null (the file is read whole) for %s', (_, text) => {
    expect(splitJsonFile(file(text), 2)).toBeNull();
  });
});

describe('extractEcommerce over ranges', () => {
  function extract(path: string, range?: JsonRange) {
    const records: RawCustomer[] = [];
    const { rejects } = extractEcommerce(path, (r) => records.push(r), range);
    return { records, rejects };
  }

  it.each([
    ['wrapped', wrappedDoc],
    ['bare', bareDoc],
  ])('gives the same records and located rejects as the whole %s file', (_, doc) => {
    const path = file(doc(elements(37)));
    const whole = extract(path);
    const ranges = splitJsonFile(path, 3) ?? [];
    const parts = ranges.map((range) => extract(path, range));
    expect(parts.flatMap((p) => p.records)).toEqual(whole.records);
    expect(parts.flatMap((p) => p.rejects)).toEqual(whole.rejects);
    expect(whole.rejects.length).toBeGreaterThan(3);
  });

  it.each([
    ['a trailing comma inside a range', (items: string[]) => [...items.slice(0, -1), `${items.at(-1)},`]],
    ['a bad token', (items: string[]) => [...items.slice(0, 20), '{"id": tru}', ...items.slice(20)]],
    ['an empty element', (items: string[]) => [...items.slice(0, 20), ' ', ...items.slice(20)]],
  ])('leaves %s to the whole-file read, which says where', (_, spoil) => {
    const path = file(wrappedDoc(spoil(elements(40))));
    const ranges = splitJsonFile(path, 2) ?? [];
    expect(ranges).toHaveLength(2);
    expect(ranges.some((range) => throws(() => extract(path, range)) instanceof RunNotReadAlone)).toBe(true);
    expect(throws(() => extract(path))).toBeInstanceOf(Error);
  });

  it('leaves a list followed by another member to the whole-file read, which reads it right', () => {
    const path = file(wrappedDoc([...elements(40), '{"id": "LAST"}], "x": [{"id": "NOT"}']));
    const ranges = splitJsonFile(path, 2) ?? [];
    expect(ranges.some((range) => throws(() => extract(path, range)) instanceof RunNotReadAlone)).toBe(true);
    const { records } = extract(path);
    expect(records.at(-1)?.sourceId).toBe('LAST');
  });

  it('reports malformed JSON in the whole file with its line and column', () => {
    const path = file(wrappedDoc([...elements(20), '{"id": tru}']));
    expect(() => extract(path)).toThrow(/^malformed JSON in .*e\.json:\d+:\d+/);
  });

  it('leaves a blank range (a comma with nothing after it, cut there) to the whole-file read', () => {
    const path = file('[1,\n]');
    const blank: JsonRange = { start: 3, end: 4, arrayStart: 1, wrapped: false };
    expect(() => extract(path, blank)).toThrow(RunNotReadAlone);
    expect(() => extract(path)).toThrow(/^malformed JSON in .*e\.json:2:1/);
  });
});

/** What `run` throws, or undefined. */
function throws(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
