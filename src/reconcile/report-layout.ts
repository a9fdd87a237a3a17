// Layout helpers both halves of the summary report use: its width, headings with the heavy rule and
// tables with a rule under the header, as the spec draws them. No report content here.

import { rule, table } from '../core/report.js';

/** Width of the report's rules. */
export const REPORT_WIDTH = 68;

/** A section heading with the heavy rule the spec uses. */
export function heading(title: string): string {
  return `${title}\n${rule(REPORT_WIDTH, '━')}`;
}

/** A table whose header line is followed by a light rule, as in the spec. */
export function ruledTable(columns: Parameters<typeof table>[0], rows: string[][]): string {
  const lines = table(columns, rows).split('\n');
  return [lines[0], rule(REPORT_WIDTH), ...lines.slice(1)].join('\n');
}
