// The three systems the spec reconciles (built-in defaults) and the resolved view of every source:
// its path for a period, names, renames and column types. Does not read files; see load.ts.

import { isAbsolute, join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { fillPathTemplate } from '../core/files.js';
import { closestMatch } from '../core/text.js';
import type { ColumnSpec, Rules, SourceSpec } from './rules.js';

const text = (extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  type: 'text',
  trim: true,
  case: 'keep',
  ...extra,
});
const decimal: ColumnSpec = { type: 'decimal', trim: true, case: 'keep' };
const integer: ColumnSpec = { type: 'integer', trim: true, case: 'keep' };
const isoDateColumn: ColumnSpec = { type: 'date', trim: true, case: 'keep' };

/** Built-in source definitions for the spec's ERP, CRM and data-warehouse files. */
export const DEFAULT_SOURCES: Record<string, SourceSpec> = {
  erp: {
    label: 'ERP',
    short: 'ERP',
    file: 'data/erp_transactions_{period}.csv',
    key: 'transaction_id',
    rename: {},
    columns: { order_date: isoDateColumn, quantity: integer, unit_price: decimal, total_amount: decimal },
  },
  crm: {
    label: 'CRM',
    short: 'CRM',
    file: 'data/crm_customer_orders_{period}.csv',
    key: 'transaction_id',
    rename: { order_id: 'transaction_id' },
    columns: { order_date: isoDateColumn, total_value: decimal },
  },
  dw: {
    label: 'Data Warehouse',
    short: 'DW',
    file: 'data/dw_sales_facts_{period}.csv',
    key: 'transaction_id',
    rename: { date_key: 'order_date', customer_key: 'customer_id', product_key: 'product_id' },
    columns: {
      order_date: { type: 'date', format: '%Y%m%d', trim: true, case: 'keep' },
      customer_id: text({ prefix: 'CUST' }),
      product_id: text({ prefix: 'PROD', pad: 3 }),
      quantity: integer,
      amount: decimal,
    },
  },
};

/** A source ready to load: absolute path, names, renames and typed columns. */
export interface Source {
  id: string;
  label: string;
  short: string;
  path: string;
  key: string | undefined;
  rename: Record<string, string>;
  columns: Record<string, ColumnSpec>;
}

/** Every source the rules can name: the built-in ones, with the rules' `sources` replacing them by id. */
export function resolveSources(
  rules: Rules,
  dir: string,
  period: string,
  overrides: Record<string, string> = {},
): Map<string, Source> {
  const specs: Record<string, SourceSpec> = { ...DEFAULT_SOURCES, ...rules.sources };
  const sources = new Map<string, Source>();
  for (const [id, spec] of Object.entries(specs)) {
    const file = overrides[id] ?? fillPathTemplate(spec.file, { period });
    const short = spec.short ?? id.toUpperCase();
    sources.set(id, {
      id,
      label: spec.label ?? short,
      short,
      path: isAbsolute(file) ? file : join(dir, file),
      key: spec.key,
      rename: spec.rename,
      columns: spec.columns,
    });
  }
  for (const id of Object.keys(overrides)) {
    if (!specs[id]) throw unknownSource(id, '--source', [...sources.keys()]);
  }
  return sources;
}

/** A ConfigError for a source id that no source defines. */
export function unknownSource(id: string, where: string, known: readonly string[]): ConfigError {
  const suggestion = closestMatch(id, known);
  return new ConfigError(
    `${where} names unknown source "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    `known sources: ${known.join(', ')}; define others under "sources"`,
  );
}

/** The column a reference means in `source`: a renamed column may be named by its old name too. */
export function canonicalColumn(source: Source, name: string): string {
  return source.rename[name] ?? name;
}

/** The type and conversions of a column (trimmed text unless declared). */
export function columnSpec(source: Source, column: string): ColumnSpec {
  return source.columns[column] ?? text();
}
