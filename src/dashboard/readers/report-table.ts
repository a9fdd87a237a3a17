// Reads the system comparison table out of the reconcile job's text summary, the one place the job
// writes per-system totals. Tolerant: any layout it does not recognise gives null, never an error.

import { readFileSync } from 'node:fs';
import { isFile } from './files.js';
import { memoByFile } from './memo.js';

/** One system's column of the table: its name and figures by row label. */
export interface SystemColumn {
  system: string;
  figures: Record<string, string>;
}

const TITLE = 'SYSTEM COMPARISON SUMMARY';
const RULE_LINE = /^[\s━─═-]*$/;

/** Parse the table under SYSTEM COMPARISON SUMMARY: a header of system names, then label + value rows. */
export function parseSystemComparison(text: string): SystemColumn[] | null {
  const lines = text.split(/\r?\n/);
  let i = lines.findIndex((line) => line.trim() === TITLE) + 1;
  if (i === 0) return null;
  while (i < lines.length && RULE_LINE.test(lines[i])) i++;
  const systems = (lines[i] ?? '')
    .trim()
    .split(/\s{2,}/)
    .filter(Boolean);
  if (systems.length === 0) return null;
  const columns = systems.map((system) => ({ system, figures: {} as Record<string, string> }));
  for (i += 1; i < lines.length && lines[i].trim() !== ''; i++) {
    if (RULE_LINE.test(lines[i])) continue;
    const [label, ...values] = lines[i].trim().split(/\s{2,}/);
    if (values.length !== systems.length) return null;
    values.forEach((value, column) => (columns[column].figures[label] = value));
  }
  return columns.some((column) => Object.keys(column.figures).length > 0) ? columns : null;
}

/** The system comparison of the summary report at `path`, or null when the file or table is absent. */
export async function readSystemComparison(path: string): Promise<SystemColumn[] | null> {
  if (!isFile(path)) return null;
  return memoByFile(path, 'system-comparison', () => parseSystemComparison(readFileSync(path, 'utf8')));
}
