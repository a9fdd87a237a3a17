// Reading the two sources: the CRM's CSV export and the e-commerce platform's JSON export.
// Each usable record is handed to a callback as it is read (so raw rows die young); no cleaning here.

import { readText, readTextRange } from './read-text.js';
import { basename } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { lineAndColumn, parseJsonText } from '../core/config.js';
import { openCsv } from '../core/csv.js';
import { InputError, JobError } from '../core/errors.js';
import { requireFile } from '../core/files.js';
import { readSimpleCsv } from './simple-csv.js';
import type { CsvRange } from './csv-split.js';
import { forEachElement } from './json-elements.js';
import { elementsBefore } from './json-split.js';
import type { JsonRange } from './json-split.js';
import type { RawCustomer, RejectedRecord } from './types.js';

/** What one source yielded: how many records went to the callback, and the rejects. */
export interface Extracted {
  count: number;
  rejects: RejectedRecord[];
}

/**
 * A run of a source (csv-split.ts, json-split.ts) that cannot be read on its own: a CSV run with quotes
 * or carriage returns, a JSON range that does not parse (malformed, or cut in the wrong place). The
 * caller then reads the whole source, which also reports what is malformed.
 */
export class RunNotReadAlone extends Error {
  constructor(path: string) {
    super(`${path}: a run of it cannot be read on its own; read the whole file`);
    this.name = 'RunNotReadAlone';
  }
}

/** Receives each usable record as it is read. */
export type RecordSink = (record: RawCustomer) => void;

/** Columns the CRM export must have. */
export const CRM_COLUMNS = ['customer_id', 'full_name', 'email', 'phone', 'signup_date', 'status'] as const;

/**
 * Read the CRM CSV (or the run `range` of it, csv-split.ts); rows with the wrong field count or no
 * customer_id become rejects. A file without quotes is split directly (simple-csv.ts); any other goes
 * through csv-parse.
 */
export async function extractCrm(path: string, sink: RecordSink, range?: CsvRange): Promise<Extracted> {
  const source = basename(path);
  const out: Extracted = { count: 0, rejects: [] };
  let fileLine = (line: number) => line;
  const reject = (line: number, reason: string, record: string) =>
    out.rejects.push({ source, location: `line ${fileLine(line)}`, reason, record });
  requireFile(path, 'CRM export');
  const simple = readSimpleCsv(path, range);
  if (simple && CRM_COLUMNS.every((c) => simple.header.includes(c))) {
    fileLine = simple.fileLine;
    // A header name given twice means its last column, as in csv-parse's records.
    const at = CRM_COLUMNS.map((c) => simple.header.lastIndexOf(c));
    simple.eachRecord(
      (fields, line) => takeCrmRow(fields, at, line, sink, out, reject),
      (r) => reject(r.line, r.reason, r.raw),
    );
    return out;
  }
  if (range && !simple) throw new RunNotReadAlone(path);
  // csv-parse reads the whole file; a run of it gets here only to report a missing column, which it
  // does before any record.
  const { records } = await openCsv(path, { what: 'CRM export', requiredColumns: CRM_COLUMNS });
  if (range) throw new JobError(`CRM export ${path}: a run of it was not read as simple CSV`);
  const inOrder = CRM_COLUMNS.map((_, i) => i);
  for await (const record of records) {
    if (record.kind === 'reject') reject(record.line, record.reason, record.raw);
    else
      takeCrmRow(
        CRM_COLUMNS.map((c) => record.values[c]),
        inOrder,
        record.line,
        sink,
        out,
        reject,
      );
  }
  return out;
}

/** One CRM row: `fields[at[k]]` is column CRM_COLUMNS[k]. A row without an id is a reject. */
function takeCrmRow(
  fields: readonly string[],
  at: readonly number[],
  line: number,
  sink: RecordSink,
  out: Extracted,
  reject: (line: number, reason: string, record: string) => void,
): void {
  const id = fields[at[0]].trim();
  if (!id) {
    reject(line, 'missing customer_id', at.map((i) => fields[i]).join(','));
    return;
  }
  out.count++;
  sink({
    source: 'CRM',
    sourceId: id,
    fields: {
      full_name: fields[at[1]],
      email: fields[at[2]],
      phone: fields[at[3]],
      signup_date: fields[at[4]],
      status: fields[at[5]],
    },
  });
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** A part of a name object: its text unless missing or blank. */
const namePart = (value: unknown): string | undefined => {
  const part = text(value);
  return part && part.trim() !== '' ? part : undefined;
};

function fullName(name: unknown): string | undefined {
  if (typeof name === 'string') return name;
  if (!isObject(name)) return undefined;
  const first = namePart(name.first);
  const last = namePart(name.last);
  return first !== undefined && last !== undefined ? `${first} ${last}` : (first ?? last);
}

/**
 * Read the e-commerce JSON: `{"customers": [...]}` or a bare array. Elements that are not objects or
 * have no id become rejects located by JSON path and line. With `range` (json-split.ts), only that run
 * of elements is read; malformed JSON anywhere in it is reported located in the whole file.
 */
export function extractEcommerce(path: string, sink: RecordSink, range?: JsonRange): Extracted {
  requireFile(path, 'e-commerce export');
  if (range) return extractEcommerceRange(path, sink, range);
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
  return takeEcommerceItems(list, { path, wrapped, firstIndex: () => 0, content: () => content }, sink);
}

/** One range of the e-commerce export; RunNotReadAlone when it does not parse (see json-split.ts). */
function extractEcommerceRange(path: string, sink: RecordSink, range: JsonRange): Extracted {
  const text = readTextRange(path, range.start, range.end);
  const where = {
    path,
    wrapped: range.wrapped,
    firstIndex: () => elementsBefore(path, range),
    content: () => readText(path),
  };
  const items = new EcommerceItems(where, sink);
  try {
    if (!/[^ \t\n\r]/.test(text)) throw new SyntaxError('blank range');
    forEachElement(
      text,
      (record) => itemId(record) !== undefined,
      (item) => items.take(item),
    );
  } catch (error) {
    if (error instanceof SyntaxError) throw new RunNotReadAlone(path);
    throw error;
  }
  return items.out;
}

/**
 * Where a list of elements sits: its file, its JSON path, the index of its first element and the
 * file's text, both asked for only when a reject needs them.
 */
interface ItemsPlace {
  path: string;
  wrapped: boolean;
  firstIndex(): number;
  content(): string;
}

/** The trimmed id of an element, if it is an object with a usable one. */
function itemId(item: unknown): string | undefined {
  return (isObject(item) && text(item.id)?.trim()) || undefined;
}

function takeEcommerceItems(list: readonly unknown[], place: ItemsPlace, sink: RecordSink): Extracted {
  const items = new EcommerceItems(place, sink);
  for (const item of list) items.take(item);
  return items.out;
}

/** Turns the elements of a customer list, taken in order, into records for the sink and located rejects. */
class EcommerceItems {
  readonly out: Extracted = { count: 0, rejects: [] };
  /** The next element's index in this list; the place's first index is added for a reject's location. */
  private next = 0;
  private firstIndex: number | undefined;
  private readonly source: string;
  private readonly lineOf: (index: number) => number;

  constructor(
    private readonly place: ItemsPlace,
    private readonly sink: RecordSink,
  ) {
    this.source = basename(place.path);
    this.lineOf = lazyLineFinder(place.content, place.wrapped ? ['customers'] : []);
  }

  /** The next element: a record for the sink, or a reject located by JSON path and line. */
  take(item: unknown): void {
    const position = this.next++;
    const id = itemId(item);
    if (!isObject(item) || !id) {
      const reason = isObject(item) ? 'missing id' : 'not a JSON object';
      const index = (this.firstIndex ??= this.place.firstIndex()) + position;
      this.out.rejects.push({
        source: this.source,
        location: `$${this.place.wrapped ? '.customers' : ''}[${index}] (line ${this.lineOf(index)})`,
        reason,
        record: JSON.stringify(item) ?? '',
      });
      return;
    }
    const contact = isObject(item.contact) ? item.contact : {};
    this.out.count++;
    this.sink({
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
  }
}

/** Line numbers of array elements, computed (from the file's text) only when the first reject needs one. */
function lazyLineFinder(content: () => string, prefix: string[]): (index: number) => number {
  let text: string | undefined;
  let tree: ReturnType<typeof parseTree> | undefined;
  return (index) => {
    text ??= content();
    tree ??= parseTree(text);
    const node = tree && findNodeAtLocation(tree, [...prefix, index]);
    return node ? lineAndColumn(text, node.offset).line : 0;
  };
}
