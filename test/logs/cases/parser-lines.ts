// Lines for the parser-agreement tests (combined-scan.test.ts, wasm-lines.test.ts): the example
// days, tricky lines and seeded mutations of real lines.

import { readFileSync } from 'node:fs';
import { SeededRandom } from '../../../src/logs/random.js';

/** Every line of the three example days. */
export const exampleLines = ['2024-01-15', '2024-01-16', '2024-01-17'].flatMap((date) =>
  readFileSync(new URL(`../../../examples/logs/logs/access_${date}.log`, import.meta.url), 'utf8').split(
    '\n',
  ),
);

/** Lines near the edges of what the fast Combined scan accepts. */
export const tricky = [
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET /a\\"b HTTP/1.1" 200 5 "-" "x\\\\"',
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 - "-" ""',
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5 "-" "x" ',
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5 "-" "x\\"',
  '1.2.3.4  - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5 "-" "x"',
  '1.2.3.4 - - [17/Jan/2024:08:15:60 +0000] "GET / HTTP/1.1" 200 5 "-" "x"',
  '1.2.3.4 - - [31/Jan/2024:23:59:60 +0000] "GET / HTTP/1.1" 200 5 "-" "x"',
  '1.2.3.4 - - 17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5 "-" "x"',
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5',
  '01.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5 "-" "x"',
  '::1 - bob [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5 "-" "x"',
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 2000 5 "-" "x"',
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5 5 "-" "x"',
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET" 200 5 "-" "x"',
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "" 200 5 "-" "x"',
  '1.2.3.4 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5 "a"b" "x"',
];

/** Variants of real lines with one character deleted, doubled or replaced by a delimiter. */
export function mutations(lines: readonly string[], count: number): string[] {
  const random = new SeededRandom(11);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const line = random.pick(lines);
    const at = random.int(0, line.length);
    const insert = random.pick(['', ' ', '"', '\\', '[', ']', '-', line[at] ?? '', 'x']);
    out.push(line.slice(0, at) + insert + line.slice(at + random.int(0, 1)));
  }
  return out;
}
