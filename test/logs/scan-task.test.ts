import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/logs/random.js';
import { LineSplitter } from '../../src/logs/scan-task.js';

function split(chunks: Buffer[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits LF and CRLF lines and keeps a last line without newline', () => {
    expect(split([Buffer.from('a\r\nb\nc')])).toEqual(['a', 'b', 'c']);
  });

  it('does not invent a line after a final newline, but keeps empty lines inside', () => {
    expect(split([Buffer.from('a\n\nb\n')])).toEqual(['a', '', 'b']);
  });

  it('joins lines and multi-byte characters cut between chunks', () => {
    const bytes = Buffer.from('first\nsecond é line\nthird');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(split([bytes.subarray(0, 3), bytes.subarray(3, cut), bytes.subarray(cut)])).toEqual([
      'first',
      'second é line',
      'third',
    ]);
  });

  it('gives the same lines however the bytes are cut into chunks', () => {
    const random = new SeededRandom(5);
    const pieces = ['GET /a', 'é', '€', '\r\n', '\n', '\n\n', '\r', ' x ', '"q"'];
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: random.int(0, 40) }, () => random.pick(pieces)).join('');
      const expected = text.split('\n').map((line) => line.replace(/\r$/, ''));
      if (text.endsWith('\n') || text === '') expected.pop();
      const bytes = Buffer.from(text);
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length;) {
        const size = random.int(1, 7);
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      expect(split(chunks), JSON.stringify(text)).toEqual(expected);
    }
  });
});
