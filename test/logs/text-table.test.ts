import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/logs/random.js';
import { sampleHash, TextTable } from '../../src/logs/text-table.js';

describe('sampleHash', () => {
  it('hashes a part of a line like the same text on its own', () => {
    const line = '1.2.3.4 - - "GET /api/products/668 HTTP/1.1" 200';
    const text = 'GET /api/products/668 HTTP/1.1';
    const start = line.indexOf(text);
    expect(sampleHash(line, start, start + text.length)).toBe(sampleHash(text, 0, text.length));
  });

  it('tells request lines apart by the id before the protocol', () => {
    const a = 'GET /api/products/668 HTTP/1.1';
    const b = 'GET /api/products/669 HTTP/1.1';
    expect(sampleHash(a, 0, a.length)).not.toBe(sampleHash(b, 0, b.length));
  });

  it('handles empty and one-character texts', () => {
    expect(sampleHash('', 0, 0)).toBe(sampleHash('x', 1, 1));
    expect(sampleHash('ab', 0, 1)).not.toBe(sampleHash('ab', 1, 2));
  });
});

describe('TextTable', () => {
  it('finds a held text inside a longer line and misses others', () => {
    const table = new TextTable<number>(16, 100);
    table.set('GET / HTTP/1.1', 7);
    const line = '"GET / HTTP/1.1" "GET /x HTTP/1.1"';
    expect(table.get(line, 1, 15)).toBe(7);
    expect(table.get(line, 18, 33)).toBeUndefined();
    expect(table.get(line, 1, 14)).toBeUndefined();
  });

  it('gives the same answers as a Map when many texts share a one-slot cache', () => {
    const random = new SeededRandom(3);
    const table = new TextTable<string>(1, 1_000);
    const map = new Map<string, string>();
    for (let i = 0; i < 5_000; i++) {
      const text = `GET /item/${random.int(0, 300)} HTTP/1.1`;
      const line = `x "${text}" y`;
      const found = table.get(line, 3, 3 + text.length);
      expect(found).toBe(map.get(text));
      if (found === undefined) {
        table.set(text, `entry ${text}`);
        map.set(text, `entry ${text}`);
      }
    }
  });

  it('starts over when the limit is reached', () => {
    const table = new TextTable<number>(8, 2);
    table.set('a', 1);
    table.set('b', 2);
    table.set('c', 3);
    expect(table.get('a', 0, 1)).toBeUndefined();
    expect(table.get('b', 0, 1)).toBeUndefined();
    expect(table.get('c', 0, 1)).toBe(3);
  });
});
