import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractEcommerce } from '../../src/integrate/extract.js';
import { splitJsonBytes, splitJsonFile } from '../../src/integrate/json-split.js';
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
];

function elements(count: number): string[] {
  return Array.from({ length: count }, (_, i) => TRICKY[i % TRICKY.length]);
}

const wrappedDoc = (items: string[]) => ` {\n "customers" :\t[\n${items.join(',\n')}\n] } \n`;
const bareDoc = (items: string[]) => `[${items.join(',')}]`;

/** Each range parsed as `[range]`, concatenated. */
function parseRanges(text: string, ranges: JsonRange[]): unknown[] {
  const bytes = Buffer.from(text);
  return ranges.flatMap((r) => JSON.parse(`[${bytes.toString('utf8', r.start, r.end)}]`) as unknown[]);
}

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'json-split-')), 'e.json');
  writeFileSync(path, content);
  return path;
}

describe('splitJsonBytes', () => {
  it.each([
    ['{"customers": [...]}', wrappedDoc, true],
    ['a bare array', bareDoc, false],
  ])('cuts %s into runs of whole elements that parse to the whole list', (_, doc, wrapped) => {
    const items = elements(41);
    const text = doc(items);
    const whole = JSON.parse(text) as unknown;
    const list = wrapped ? (whole as { customers: unknown[] }).customers : whole;
    for (const parts of [2, 3, 5]) {
      const ranges = splitJsonBytes(Buffer.from(text), parts);
      expect(ranges).toHaveLength(parts);
      expect(parseRanges(text, ranges ?? [])).toEqual(list);
      let index = 0;
      for (const range of ranges ?? []) {
        expect(range).toMatchObject({ firstIndex: index, wrapped });
        index += (JSON.parse(`[${Buffer.from(text).toString('utf8', range.start, range.end)}]`) as []).length;
      }
    }
  });

  it.each([
    ['another key first', '{"x": 1, "customers": [1, 2, 3]}'],
    ['another key after the list', '{"customers": [1, 2, 3], "x": [4]}'],
    ['the key twice', '{"customers": [1, 2, 3], "customers": [4, 5]}'],
    ['a byte-order mark', '\ufeff[1, 2, 3]'],
    ['too few elements', '[1]'],
    ['an empty list', '{"customers": []}'],
    ['an unterminated string', '[1, 2, "abc]'],
    ['not a list', '{"customers": 5}'],
  ])('gives null (the file is read whole) for %s', (_, text) => {
    expect(splitJsonBytes(Buffer.from(text), 2)).toBeNull();
  });

  it('reads the file from disk, once, into bytes its ranges share', () => {
    const text = bareDoc(elements(10));
    const ranges = splitJsonFile(file(text), 2) ?? [];
    expect(ranges.map(({ file: _, ...range }) => range)).toEqual(splitJsonBytes(Buffer.from(text), 2));
    expect(ranges.map((r) => Buffer.from(r.file ?? []).toString())).toEqual([text, text]);
    expect(ranges[0].file?.buffer).toBeInstanceOf(SharedArrayBuffer);
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
  ])('reports %s exactly as the whole-file parse does', (_, spoil) => {
    const path = file(wrappedDoc(spoil(elements(40))));
    let expected = '';
    try {
      extract(path);
    } catch (error) {
      expected = (error as Error).message;
    }
    expect(expected).toMatch(/^malformed JSON in .*e\.json:\d+:\d+/);
    const ranges = splitJsonFile(path, 2) ?? [];
    expect(ranges).toHaveLength(2);
    const messages = ranges.map((range) => {
      try {
        extract(path, range);
        return 'ok';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(messages.filter((m) => m !== 'ok')).toEqual(
      messages.filter((m) => m !== 'ok').map(() => expected),
    );
    expect(messages).toContain(expected);
  });

  it('reports a blank range (a comma with nothing after it, cut there) as the whole file does', () => {
    const text = '[1,\n]';
    const path = file(text);
    const blank: JsonRange = { start: 3, end: 4, firstIndex: 1, wrapped: false };
    expect(() => extract(path, blank)).toThrow(/^malformed JSON in .*e\.json:2:1/);
  });
});
