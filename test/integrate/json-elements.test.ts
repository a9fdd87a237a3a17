import { describe, expect, it } from 'vitest';
import { randomChoice, randomInt, seededRandom } from '../../src/core/seeded-random.js';
import { FlatObject, FlatRecord, forEachElement } from '../../src/integrate/json-elements.js';

const RECORD_MEMBERS = Object.keys(new FlatRecord());
const NESTED_MEMBERS = Object.keys(new FlatObject());

/** What the extractor can read of a parsed value: the kept members of objects, anything else as it is. */
function view(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return { array: value };
  const members = depth === 0 ? RECORD_MEMBERS : NESTED_MEMBERS;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    members.map((m) => [m, Object.hasOwn(record, m) ? view(record[m], depth + 1) : undefined]),
  );
}

/** The elements of `run` as forEachElement gives them, and how many came from the fast scan. */
function read(run: string, usable = () => true) {
  const elements: unknown[] = [];
  forEachElement(run, usable, (e) => elements.push(e));
  return {
    views: elements.map((e) => view(e)),
    fast: elements.filter((e) => e instanceof FlatRecord).length,
  };
}

const flat = [
  '{"id":"EC1","name":{"first":"zoe","last":"Silva"},"contact":{"email":"z@x.com","phone":"2000"},"registered":"2021-01-20T21:15:00Z","orders_count":1}',
  '{ "id" : 17 , "name" : "Ann Lee" , "email" : null , "phone" : 5550101 }',
  '{\n\t"id": "a", "status": true, "extra": {"deep": 1}}',
  '{"id":"x","id":"y","name":{"first":"a","first":"b","last":null},"contact":{}}',
  '{"id":"n","phone":-0,"email":1e400,"registered":-12.5e-3,"status":false,"signup_date":0.5}',
  '{"id":"u","name":"Zoë Ünal","__proto__":"p","constructor":"c","toString":"t"}',
  '{"id":"e","contact":"not an object","name":{"email":"in name","phone":"in name"}}',
  '{}',
];
const notFlat = [
  '{"id":"esc","name":"a\\"b"}',
  '{"id":"u","email":"\\u0041"}',
  '{"id":"arr","tags":["a","b"]}',
  '{"id":"deep","contact":{"a":{"b":1}}}',
  '"just a string"',
  '42',
  'null',
  '[1,2]',
];

describe('forEachElement', () => {
  it('reads flat records with the fast scan, exactly as JSON.parse would', () => {
    for (const element of flat) {
      const { views, fast } = read(element);
      expect(views, element).toEqual([view(JSON.parse(element))]);
      expect(fast, element).toBe(1);
    }
  });

  it('hands every other element to JSON.parse', () => {
    for (const element of notFlat) {
      const { views, fast } = read(element);
      expect(views, element).toEqual([JSON.parse(element)].map((e) => view(e)));
      expect(fast, element).toBe(0);
    }
  });

  it('re-reads a record the caller cannot use with JSON.parse, keeping all its members', () => {
    const elements: unknown[] = [];
    forEachElement(
      '{"name":"no id","other":[1]}',
      () => false,
      (e) => elements.push(e),
    );
    expect(elements).toEqual([{ name: 'no id', other: [1] }]);
  });

  it('reads a run of mixed elements in order', () => {
    const run = [...flat, ...notFlat].join(' ,\n ');
    expect(read(run).views).toEqual(JSON.parse(`[${run}]`).map((e: unknown) => view(e)));
  });

  it.each([['{"id":"a"},'], ['{"id":"a"} {"id":"b"}'], ['{"id":"a",}'], ['{"id":tru}'], [''], [' , ']])(
    'throws a SyntaxError on the malformed run %j',
    (run) => {
      expect(() => read(run)).toThrow(SyntaxError);
    },
  );

  it('agrees with JSON.parse on 20,000 mutated runs: the same elements, or both refuse', () => {
    const random = seededRandom(7);
    const inserts = [
      '',
      ' ',
      '"',
      '\\',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '-',
      '.',
      'e',
      '0',
      '1',
      'n',
      '\n',
      '\u0001',
    ];
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const base = [randomChoice(random, flat), randomChoice(random, flat)].join(',');
      const at = randomInt(random, 0, base.length);
      const run =
        base.slice(0, at) + randomChoice(random, inserts) + base.slice(at + randomInt(random, 0, 1));
      let expected: unknown;
      try {
        expected = (JSON.parse(`[${run}]`) as unknown[]).map((e) => view(e));
      } catch {
        refused++;
        expect(() => read(run), run).toThrow(SyntaxError);
        continue;
      }
      expect(read(run).views, run).toEqual(expected);
    }
    expect(refused).toBeGreaterThan(1000);
    expect(refused).toBeLessThan(19_000);
  });
});
