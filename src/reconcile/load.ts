// Loading a source CSV into DuckDB: header check, renames, typed and normalized columns, invalid values
// kept beside them, and malformed rows collected as rejects. Does not compare anything.

import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Engine, SqlValue } from '../core/engine.js';
import { quoteIdent } from '../core/engine.js';
import { ConfigError, InputError } from '../core/errors.js';
import { requireFile } from '../core/files.js';
import type { ColumnSpec } from './rules.js';
import type { Source } from './sources.js';

/** Exact decimal type for amounts: 18 digits, 6 after the point (int64-backed, so fast). */
export const DECIMAL_TYPE = 'DECIMAL(18,6)';

/** Suffix of the column holding a value's original text when it could not be parsed. */
export const INVALID_SUFFIX = '#invalid';

/** A row the CSV reader could not use. */
export interface LoadReject {
  source: string;
  line: number;
  reason: string;
  raw: string;
}

/** A loaded source: its table, row count and rejects. */
export interface LoadedSource {
  source: Source;
  table: string;
  rows: number;
  rejects: LoadReject[];
}

/** The first line of a CSV file, split into column names (renames applied). Throws on an empty file. */
export function readHeader(source: Source): string[] {
  requireFile(
    source.path,
    `${source.label} file`,
    `${filesBeside(source.path)}; check --dir and the period, or set sources.${source.id}.file in the rules`,
  );
  const fd = openSync(source.path, 'r');
  let text = '';
  try {
    const buffer = Buffer.alloc(65536);
    for (let read = readSync(fd, buffer); read > 0 && !/\r?\n/.test(text); read = readSync(fd, buffer))
      text += buffer.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  if (firstLine.trim() === '')
    throw new InputError(
      `${source.label} file ${source.path} is empty (no header line)`,
      'export the file again with its header',
    );
  const names = (parse(firstLine) as string[][])[0].map((n) => n.trim());
  const renamed = names.map((n) => source.rename[n] ?? n);
  const clash = renamed.find((n, i) => renamed.indexOf(n) !== i);
  if (clash)
    throw new ConfigError(
      `sources.${source.id}.rename makes two columns named "${clash}" in ${source.path}`,
      'rename to a name the file does not already use',
    );
  return renamed;
}

/**
 * SQL equal to `trim(expr)` (which strips Unicode space separators from both ends) but cheaper: DuckDB's
 * trim decodes and copies every string, so it only runs when the value starts or ends with a space or
 * holds any non-ASCII byte; other values cannot change and are passed through.
 */
export function trimmed(expr: string): string {
  return `CASE WHEN ${expr} LIKE ' %' OR ${expr} LIKE '% ' OR strlen(${expr}) <> length(${expr}) THEN trim(${expr}) ELSE ${expr} END`;
}

/**
 * True when a loaded text column can never start or end with a space, so `trimmed()` of it is the
 * value itself: the loader trimmed it and no pad (which may cut) or prefix was added afterwards.
 */
export function loadsTrimmed(spec: ColumnSpec | undefined): boolean {
  return spec !== undefined && spec.type === 'text' && spec.trim && !spec.pad && !spec.prefix;
}

/** SQL (with bound values pushed to `params`) that parses and normalizes one raw text column. */
export function columnExpression(
  raw: string,
  spec: ColumnSpec,
  params: SqlValue[],
): { value: string; parsed: string | null } {
  const bind = (value: SqlValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  let text = spec.trim ? `NULLIF(${trimmed(raw)}, '')` : `NULLIF(${raw}, '')`;
  if (spec.type === 'decimal') {
    const parsed = `coalesce(TRY_CAST(${text} AS ${DECIMAL_TYPE}), TRY_CAST(replace(replace(${text}, '$', ''), ',', '') AS ${DECIMAL_TYPE}))`;
    return { value: parsed, parsed };
  }
  if (spec.type === 'integer')
    return { value: `TRY_CAST(${text} AS BIGINT)`, parsed: `TRY_CAST(${text} AS BIGINT)` };
  if (spec.type === 'date') {
    const parsed = spec.format
      ? `TRY_CAST(TRY_STRPTIME(${text}, ${bind(spec.format)}) AS DATE)`
      : `TRY_CAST(${text} AS DATE)`;
    return { value: parsed, parsed };
  }
  if (spec.case === 'lower') text = `lower(${text})`;
  if (spec.case === 'upper') text = `upper(${text})`;
  if (spec.pad) text = `lpad(${text}, ${bind(spec.pad)}, '0')`;
  if (spec.prefix) text = `(${bind(spec.prefix)} || ${text})`;
  return { value: text, parsed: null };
}

/**
 * Load `source` into table `table` with the given typed columns. Values that do not parse become NULL
 * and their original text goes to `<column>#invalid`; malformed rows become rejects.
 */
export async function loadSource(
  engine: Engine,
  source: Source,
  table: string,
  columns: Map<string, ColumnSpec>,
  header: string[],
): Promise<LoadedSource> {
  const params: SqlValue[] = [source.path];
  const originalName = (column: string) =>
    Object.entries(source.rename).find(([, to]) => to === column)?.[0] ?? column;
  const rejectsTable = `${table}_rejects`;
  const originals = header.map((name) => originalName(name));
  const columnTypes = originals.map((name) => `${quoteLiteral(name)}: 'VARCHAR'`).join(', ');
  const reader = `read_csv($1, header = true, delim = ',', quote = '"', escape = '"', columns = {${columnTypes}}, store_rejects = true, rejects_table = ${quoteLiteral(rejectsTable)}, rejects_scan = ${quoteLiteral(`${table}_scan`)}, ignore_errors = true)`;
  try {
    await engine.run(
      `CREATE TABLE ${quoteIdent(table)} AS ${loadQuery(columns, originalName, reader, params)}`,
      params,
    );
  } catch (error) {
    throw new InputError(
      `cannot read ${source.label} file ${source.path}: ${firstLine(error)}`,
      'check that it is a comma-separated CSV with a header line',
    );
  }
  const count = await engine.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
  const rejectRows = await engine.all<{ line: number; error_message: string; csv_line: string }>(
    `SELECT line, error_message, csv_line FROM ${quoteIdent(rejectsTable)} ORDER BY line`,
  );
  return {
    source,
    table,
    rows: count?.n ?? 0,
    rejects: rejectRows.map((r) => ({
      source: source.id,
      line: Number(r.line),
      reason: r.error_message,
      raw: r.csv_line,
    })),
  };
}

/**
 * The SELECT that types a source's columns: trimmed text once per column (innermost), each value parsed
 * once (middle), and the text kept as `<column>#invalid` only where a non-empty value did not parse (outer).
 */
function loadQuery(
  columns: Map<string, ColumnSpec>,
  originalName: (column: string) => string,
  reader: string,
  params: SqlValue[],
): string {
  if (columns.size === 0) return `SELECT NULL AS "#none" FROM ${reader}`;
  const texts: string[] = [];
  const values: string[] = [];
  const invalids: string[] = [];
  for (const [column, spec] of columns) {
    const raw = `r.${quoteIdent(originalName(column))}`;
    const text = quoteIdent(`${column}#text`);
    texts.push(`${spec.trim ? `NULLIF(${trimmed(raw)}, '')` : `NULLIF(${raw}, '')`} AS ${text}`);
    const { value, parsed } = columnExpression(text, { ...spec, trim: false }, params);
    values.push(`${value} AS ${quoteIdent(column)}`, text);
    if (parsed)
      invalids.push(
        `CASE WHEN ${text} IS NOT NULL AND ${quoteIdent(column)} IS NULL THEN ${text} END AS ${quoteIdent(column + INVALID_SUFFIX)}`,
      );
  }
  const textColumns = [...columns.keys()].map((c) => quoteIdent(`${c}#text`)).join(', ');
  return `SELECT * EXCLUDE (${textColumns})${invalids.map((sql) => `, ${sql}`).join('')}
    FROM (SELECT ${values.join(', ')} FROM (SELECT ${texts.join(', ')} FROM ${reader} AS r))`;
}

/** "files in data/: a.csv, b.csv" (the first ten), to help spot a wrong period or name. */
function filesBeside(path: string): string {
  const folder = dirname(path);
  if (!existsSync(folder)) return `folder ${folder} does not exist`;
  const names = readdirSync(folder)
    .filter((name) => !name.startsWith('.'))
    .sort();
  const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? `, … (${names.length} files)` : '');
  return `files in ${folder}: ${shown || '(none)'}`;
}

/** A SQL string literal (for DuckDB options that cannot be bound, such as column names in `columns`). */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
