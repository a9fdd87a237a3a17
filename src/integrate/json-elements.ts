// Reading a run of the customer array's elements (json-split.ts) one element at a time. A flat record
// (no escapes; string, number, true/false/null members and objects of those one level down) is read by
// a strict scan that keeps only the members the extractor reads, without building the rest; any other
// element goes through JSON.parse. The scan only accepts text that is valid JSON and that JSON.parse
// would read the same way, so the two paths agree on every element (test/integrate/json-elements.test.ts).

import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COMMA,
  isJsonSpace,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from './json-split.js';

/** An object member as the extractor sees it: what JSON.parse would give, or a FlatObject for an object. */
export type FlatValue = string | number | boolean | null | FlatObject | undefined;

/** An object one level down (a customer's `name` or `contact`), holding only the members read from it. */
export class FlatObject {
  first: FlatValue;
  last: FlatValue;
  email: FlatValue;
  phone: FlatValue;
}

/** A customer element read by the fast scan: the members extract.ts reads, undefined when absent. */
export class FlatRecord {
  id: FlatValue;
  name: FlatValue;
  contact: FlatValue;
  email: FlatValue;
  phone: FlatValue;
  registered: FlatValue;
  signup_date: FlatValue;
  status: FlatValue;
}

const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Call `take` with each element of `run` (the elements of a JSON array, without its brackets) in order,
 * as JSON.parse would read them, except that a flat record comes as a FlatRecord. A FlatRecord that
 * `usable` refuses is read again with JSON.parse (so a reject keeps every member). Throws a SyntaxError
 * when `run` is not a comma-separated sequence of JSON values.
 */
export function forEachElement(
  run: string,
  usable: (record: FlatRecord) => boolean,
  take: (element: unknown) => void,
): void {
  const scan = new FlatScan(run);
  let pos = 0;
  for (;;) {
    const start = pos;
    const record = scan.record(start);
    if (record && usable(record)) {
      take(record);
      pos = skipSpace(run, scan.pos);
    } else {
      pos = elementEnd(run, start);
      take(JSON.parse(run.slice(start, pos)));
    }
    if (pos === run.length) return;
    if (run.charCodeAt(pos) !== COMMA) throw new SyntaxError(`expected ',' at position ${pos} of the run`);
    pos++;
  }
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length && isJsonSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

/** Where the element starting at `start` ends: the next comma outside strings and brackets, or the run's end. */
function elementEnd(run: string, start: number): number {
  let depth = 0;
  for (let i = start; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < run.length; i++) {
        const d = run.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) depth++;
    else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
    else if (c === COMMA && depth <= 0) return i;
  }
  return run.length;
}

/** The strict scan of one flat record; `pos` is where the last accepted record ended. */
class FlatScan {
  pos = 0;

  constructor(private readonly text: string) {}

  /** The record starting at `start` (after optional whitespace), or null when it is not a flat record. */
  record(start: number): FlatRecord | null {
    const record = new FlatRecord();
    return this.members(skipSpace(this.text, start), record, true) ? record : null;
  }

  /** Reads `{...}` at `pos` into `into`; members of a nested object are read only when `nest`. */
  private members(pos: number, into: FlatRecord | FlatObject, nest: boolean): boolean {
    const text = this.text;
    if (text.charCodeAt(pos) !== OPEN_OBJECT) return false;
    pos = skipSpace(text, pos + 1);
    if (text.charCodeAt(pos) === CLOSE_OBJECT) {
      this.pos = pos + 1;
      return true;
    }
    for (;;) {
      if (text.charCodeAt(pos) !== QUOTE) return false;
      const keyEnd = this.stringEnd(pos);
      if (keyEnd < 0) return false;
      const key = text.slice(pos + 1, keyEnd);
      pos = skipSpace(text, keyEnd + 1);
      if (text.charCodeAt(pos) !== COLON) return false;
      pos = skipSpace(text, pos + 1);
      const value = this.value(pos, nest);
      if (value === NOT_FLAT) return false;
      keep(into, key, value);
      pos = skipSpace(text, this.pos);
      const c = text.charCodeAt(pos);
      if (c === CLOSE_OBJECT) {
        this.pos = pos + 1;
        return true;
      }
      if (c !== COMMA) return false;
      pos = skipSpace(text, pos + 1);
    }
  }

  /** The scalar (or, when `nest`, flat object) at `pos`, leaving `this.pos` after it; NOT_FLAT otherwise. */
  private value(pos: number, nest: boolean): FlatValue | typeof NOT_FLAT {
    const text = this.text;
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      const end = this.stringEnd(pos);
      if (end < 0) return NOT_FLAT;
      this.pos = end + 1;
      return text.slice(pos + 1, end);
    }
    if (c === OPEN_OBJECT) {
      if (!nest) return NOT_FLAT;
      const object = new FlatObject();
      return this.members(pos, object, false) ? object : NOT_FLAT;
    }
    if (c === MINUS || isDigit(c)) {
      const end = numberEnd(text, pos);
      if (end < 0) return NOT_FLAT;
      this.pos = end;
      return Number(text.slice(pos, end));
    }
    for (const [word, value] of LITERALS) {
      if (c === word.charCodeAt(0) && text.slice(pos, pos + word.length) === word) {
        this.pos = pos + word.length;
        return value;
      }
    }
    return NOT_FLAT;
  }

  /** The closing quote of the string opened at `open`; -1 if it holds an escape or a control character. */
  private stringEnd(open: number): number {
    const text = this.text;
    for (let i = open + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) return i;
      if (c === BACKSLASH || c < 0x20) return -1;
    }
    return -1;
  }
}

const NOT_FLAT = Symbol('not a flat record');
const LITERALS: readonly (readonly [string, boolean | null])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** Store `value` under `key` when `into` has that member (a later duplicate wins, as in JSON.parse). */
function keep(into: FlatRecord | FlatObject, key: string, value: FlatValue): void {
  if (key === 'email') into.email = value;
  else if (key === 'phone') into.phone = value;
  else if (into instanceof FlatObject) {
    if (key === 'first') into.first = value;
    else if (key === 'last') into.last = value;
  } else {
    switch (key) {
      case 'id':
        into.id = value;
        break;
      case 'name':
        into.name = value;
        break;
      case 'contact':
        into.contact = value;
        break;
      case 'registered':
        into.registered = value;
        break;
      case 'signup_date':
        into.signup_date = value;
        break;
      case 'status':
        into.status = value;
    }
  }
}

/** The end of the JSON number at `pos` (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`), or -1. */
function numberEnd(text: string, pos: number): number {
  if (text.charCodeAt(pos) === MINUS) pos++;
  const first = text.charCodeAt(pos);
  if (!isDigit(first)) return -1;
  pos++;
  if (first !== 0x30) while (isDigit(text.charCodeAt(pos))) pos++;
  if (text.charCodeAt(pos) === DOT) {
    pos++;
    if (!isDigit(text.charCodeAt(pos))) return -1;
    while (isDigit(text.charCodeAt(pos))) pos++;
  }
  const e = text.charCodeAt(pos);
  if (e === 0x65 || e === 0x45) {
    pos++;
    const sign = text.charCodeAt(pos);
    if (sign === PLUS || sign === MINUS) pos++;
    if (!isDigit(text.charCodeAt(pos))) return -1;
    while (isDigit(text.charCodeAt(pos))) pos++;
  }
  return pos;
}
