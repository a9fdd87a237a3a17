import { describe, expect, it } from 'vitest';
import { emptyCombinedFields, scanCombined } from '../../src/logs/combined-scan.js';
import { LineParser } from '../../src/logs/parse-line.js';
import { exampleLines, mutations, tricky } from './cases/parser-lines.js';

// The same format spelled differently, so the parser takes only the compiled (general) scanner.
const GENERAL_COMBINED = '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{user-agent}i"';

/** Parse each line with both parsers: the same verdicts, and for parsed lines the same fields. */
function expectSameAsGeneral(lines: readonly string[]): void {
  const fast = new LineParser('auto');
  const general = new LineParser(GENERAL_COMBINED);
  const generalCommon = new LineParser('%h %l %u %t "%r" %>s %b');
  for (const line of lines) {
    const problem = fast.parse(line);
    // 'auto' tries Combined, then Common, and reports Combined's problem when both fail.
    const combinedProblem = general.parse(line);
    const commonProblem = combinedProblem === undefined ? undefined : generalCommon.parse(line);
    const expected = commonProblem === undefined ? undefined : combinedProblem;
    const parsed = combinedProblem === undefined ? general.record : generalCommon.record;
    expect(problem, line).toBe(expected);
    if (problem !== undefined) continue;
    const { request, agent, ...fields } = fast.record;
    const { request: generalRequest, agent: generalAgent, ...generalFields } = parsed;
    expect(fields, line).toEqual(generalFields);
    expect({ ...request, memo: undefined }).toEqual({ ...generalRequest, memo: undefined });
    expect(agent?.agent).toBe(generalAgent?.agent);
  }
}

describe('scanCombined', () => {
  it('finds the field boundaries of a Combined line', () => {
    const line = '10.0.0.1 - bob [17/Jan/2024:08:15:23 +0000] "GET /x HTTP/1.1" 200 - "-" "curl/8.0"';
    const at = emptyCombinedFields();
    expect(scanCombined(line, at)).toBe(true);
    const field = (start: number, end: number) => line.slice(start, end);
    expect([
      field(0, at.ipEnd),
      field(at.userStart, at.userEnd),
      field(at.timeStart, at.timeEnd),
      field(at.requestStart, at.requestEnd),
      field(at.statusStart, at.statusEnd),
      field(at.bytesStart, at.bytesEnd),
      field(at.agentStart, at.agentEnd),
    ]).toEqual([
      '10.0.0.1',
      'bob',
      '[17/Jan/2024:08:15:23 +0000]',
      'GET /x HTTP/1.1',
      '200',
      '-',
      'curl/8.0',
    ]);
  });

  it('leaves lines of another shape to the general scanner', () => {
    const at = emptyCombinedFields();
    expect(scanCombined('10.0.0.1 - - [17/Jan/2024:08:15:23 +0000] "GET / HTTP/1.1" 200 5', at)).toBe(false);
    expect(scanCombined('free text', at)).toBe(false);
  });
});

describe('LineParser fast path', () => {
  it('agrees with the general scanner on every example line', () => {
    expectSameAsGeneral(exampleLines);
  });

  it('agrees with the general scanner on tricky and mutated lines', () => {
    expectSameAsGeneral([...tricky, ...mutations(exampleLines.filter(Boolean), 20_000)]);
  });
});
