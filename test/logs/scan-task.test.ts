import { describe, expect, it } from 'vitest';
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
});
