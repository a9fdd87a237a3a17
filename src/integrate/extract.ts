// Reading the two sources: the CRM's CSV export and the e-commerce platform's JSON export.
// Each usable record is handed to a callback as it is read (so raw rows die young); no cleaning here.

import { readText } from './read-text.js';
import { basename } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { lineAndColumn, parseJsonText } from '../core/config.js';
import { openCsv } from '../core/csv.js';
import type { CsvRecord } from '../core/csv.js';
import { InputError } from '../core/errors.js';
import { requireFile } from '../core/files.js';
import { readSimpleCsv } from './simple-csv.js';
import type { RawCustomer, RejectedRecord } from './types.js';

/** What one source yielded: how many records went to the callback, and the rejects. */
export interface Extracted {
  count: number;
  rejects: RejectedRecord[];
}

/** Receives each usable record as it is read. */
export type RecordSink = (record: RawCustomer) => void;

/** Columns the CRM export must have. */
export const CRM_COLUMNS = ['customer_id', 'full_name', 'email', 'phone', 'signup_date', 'status'] as const;

/**
 * Read the CRM CSV; rows with the wrong field count or no customer_id become rejects. A file without
 * quotes is split directly (simple-csv.ts); any other goes through csv-parse.
 */
export async function extractCrm(path: string, sink: RecordSink): Promise<Extracted> {
  const source = basename(path);
  const out: Extracted = { count: 0, rejects: [] };
  const take = (record: CsvRecord) => takeCrmRecord(record, source, sink, out);
  requireFile(path, 'CRM export');
  const simple = readSimpleCsv(path);
  if (simple && CRM_COLUMNS.every((c) => simple.header.includes(c))) {
    for (const record of simple.records) take(record);
    return out;
  }
  const { records } = await openCsv(path, { what: 'CRM export', requiredColumns: CRM_COLUMNS });
  for await (const record of records) take(record);
  return out;
}

function takeCrmRecord(record: CsvRecord, source: string, sink: RecordSink, out: Extracted): void {
  if (record.kind === 'reject') {
    out.rejects.push({ source, location: `line ${record.line}`, reason: record.reason, record: record.raw });
    return;
  }
  const v = record.values;
  const id = v.customer_id.trim();
  if (!id) {
    out.rejects.push({
      source,
      location: `line ${record.line}`,
      reason: 'missing customer_id',
      record: CRM_COLUMNS.map((c) => v[c]).join(','),
    });
    return;
  }
  out.count++;
  sink({
    source: 'CRM',
    sourceId: id,
    fields: {
      full_name: v.full_name,
      email: v.email,
      phone: v.phone,
      signup_date: v.signup_date,
      status: v.status,
    },
  });
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

function fullName(name: unknown): string | undefined {
  if (typeof name === 'string') return name;
  if (!isObject(name)) return undefined;
  const parts = [text(name.first), text(name.last)].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * Read the e-commerce JSON: `{"customers": [...]}` or a bare array. Elements that are not objects or
 * have no id become rejects located by JSON path and line.
 */
export function extractEcommerce(path: string, sink: RecordSink): Extracted {
  requireFile(path, 'e-commerce export');
  const source = basename(path);
  const content = readText(path);
  const document = parseJsonText(content, path);
  const wrapped = isObject(document) && Array.isArray(document.customers);
  const list = wrapped ? (document.customers as unknown[]) : document;
  if (!Array.isArray(list)) {
    throw new InputError(
      `e-commerce export ${path} has no customer list`,
      'expected {"customers": [...]} or a JSON array',
    );
  }
  const prefix = wrapped ? ['customers'] : [];
  const lineOf = lazyLineFinder(content, prefix);
  const out: Extracted = { count: 0, rejects: [] };
  list.forEach((item, i) => {
    const id = isObject(item) ? text(item.id)?.trim() : undefined;
    if (!isObject(item) || !id) {
      const reason = isObject(item) ? 'missing id' : 'not a JSON object';
      out.rejects.push({
        source,
        location: `$${wrapped ? '.customers' : ''}[${i}] (line ${lineOf(i)})`,
        reason,
        record: JSON.stringify(item) ?? '',
      });
      return;
    }
    const contact = isObject(item.contact) ? item.contact : {};
    out.count++;
    sink({
      source: 'ECOM',
      sourceId: id,
      fields: {
        full_name: fullName(item.name),
        email: text(contact.email ?? item.email),
        phone: text(contact.phone ?? item.phone),
        signup_date: text(item.registered ?? item.signup_date),
        status: text(item.status),
      },
    });
  });
  return out;
}

/** Line numbers of array elements, computed only when the first reject needs one. */
function lazyLineFinder(content: string, prefix: string[]): (index: number) => number {
  let tree: ReturnType<typeof parseTree> | undefined;
  return (index) => {
    tree ??= parseTree(content);
    const node = tree && findNodeAtLocation(tree, [...prefix, index]);
    return node ? lineAndColumn(content, node.offset).line : 0;
  };
}
