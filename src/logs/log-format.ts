// Compiles an Apache LogFormat string (`%h %l %u %t "%r" %>s %b ...`) into a fast line scanner.
// It only splits a line into raw field texts; turning them into typed values is parse-line.ts's job.

import { ConfigError } from '../core/errors.js';

/** The fields a log line can feed; `ignored` covers directives we scan past (e.g. `%D`). */
export type FieldName =
  'ip' | 'ident' | 'user' | 'time' | 'request' | 'status' | 'bytes' | 'referer' | 'userAgent' | 'ignored';

/** One piece of a compiled format: fixed text, or a field and how its end is found. */
export type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'field'; field: FieldName; ending: 'quote' | 'bracket' | 'literal' | 'end' };

/** A compiled format: its segments and which fields it yields. */
export interface CompiledFormat {
  source: string;
  segments: readonly Segment[];
  fields: ReadonlySet<FieldName>;
  /** Shortcuts for the optional fields the parser asks about on every line. */
  hasUser: boolean;
  hasBytes: boolean;
  hasUserAgent: boolean;
}

/** Apache's Combined Log Format. */
export const COMBINED_FORMAT = '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"';
/** Apache's Common Log Format. */
export const COMMON_FORMAT = '%h %l %u %t "%r" %>s %b';

const SIMPLE_DIRECTIVES: Record<string, FieldName> = {
  h: 'ip',
  a: 'ip',
  l: 'ident',
  u: 'user',
  t: 'time',
  r: 'request',
  s: 'status',
  b: 'bytes',
  B: 'bytes',
};
const HEADER_DIRECTIVES: Record<string, FieldName> = { referer: 'referer', 'user-agent': 'userAgent' };
// Directives that produce one token we can skip (durations, ports, process ids, other headers...).
const SKIPPABLE = new Set([
  'D',
  'T',
  'p',
  'P',
  'v',
  'V',
  'H',
  'm',
  'q',
  'U',
  'k',
  'I',
  'O',
  'S',
  'X',
  'L',
  'R',
  'f',
  'A',
  'e',
  'i',
  'o',
  'n',
  'C',
]);

const DIRECTIVE = /%([<>]?)(?:\{([^}]*)\})?([a-zA-Z%])/g;

/**
 * Compile a LogFormat string. Unknown directives and two fields with no text between them are
 * config errors, because no scanner could tell where one ends and the next begins.
 */
export function compileFormat(format: string, source = 'log_format'): CompiledFormat {
  const raw: Segment[] = [];
  let last = 0;
  for (const match of format.matchAll(DIRECTIVE)) {
    if (match.index > last) raw.push({ kind: 'literal', text: format.slice(last, match.index) });
    last = match.index + match[0].length;
    const [, , argument, letter] = match;
    if (letter === '%') {
      raw.push({ kind: 'literal', text: '%' });
      continue;
    }
    raw.push({ kind: 'field', field: directiveField(letter, argument, source, match[0]), ending: 'end' });
  }
  if (last < format.length) raw.push({ kind: 'literal', text: format.slice(last) });
  const segments = mergeLiterals(raw).map((segment, i, all) =>
    withEnding(segment, all[i - 1], all[i + 1], source),
  );
  const fields = new Set(
    segments.flatMap((s) => (s.kind === 'field' && s.field !== 'ignored' ? [s.field] : [])),
  );
  for (const needed of ['ip', 'time', 'request', 'status'] as const) {
    if (!fields.has(needed))
      throw new ConfigError(
        `${source}: format "${format}" has no ${needed} field`,
        'include %h, %t, "%r" and %>s',
      );
  }
  return {
    source: format,
    segments,
    fields,
    hasUser: fields.has('user'),
    hasBytes: fields.has('bytes'),
    hasUserAgent: fields.has('userAgent'),
  };
}

function directiveField(
  letter: string,
  argument: string | undefined,
  source: string,
  text: string,
): FieldName {
  if (argument !== undefined && letter === 'i') return HEADER_DIRECTIVES[argument.toLowerCase()] ?? 'ignored';
  const simple = SIMPLE_DIRECTIVES[letter];
  if (simple && argument === undefined) return simple;
  if (SKIPPABLE.has(letter) || (simple && argument !== undefined)) return 'ignored';
  throw new ConfigError(
    `${source}: unknown directive ${text}`,
    'use Apache LogFormat directives such as %h %l %u %t "%r" %>s %b',
  );
}

function mergeLiterals(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const previous = out[out.length - 1];
    if (segment.kind === 'literal' && previous?.kind === 'literal') previous.text += segment.text;
    else out.push(segment);
  }
  return out;
}

function withEnding(
  segment: Segment,
  before: Segment | undefined,
  after: Segment | undefined,
  source: string,
): Segment {
  if (segment.kind === 'literal') return segment;
  if (after?.kind === 'field')
    throw new ConfigError(
      `${source}: two fields with nothing between them`,
      'separate every directive with a space or other text',
    );
  if (before?.kind === 'literal' && before.text.endsWith('"') && after?.text.startsWith('"'))
    return { ...segment, ending: 'quote' };
  if (segment.field === 'time') return { ...segment, ending: 'bracket' };
  return { ...segment, ending: after ? 'literal' : 'end' };
}

// Fields no metric uses: scanned past but not copied out of the line.
const UNUSED_FIELDS: ReadonlySet<FieldName> = new Set(['ident', 'referer', 'ignored']);

/** Raw field texts of one line, by field; reused between lines to avoid allocation. */
export type RawFields = Record<FieldName, string>;

/** A fresh, empty RawFields. */
export function emptyRawFields(): RawFields {
  return {
    ip: '',
    ident: '',
    user: '',
    time: '',
    request: '',
    status: '',
    bytes: '',
    referer: '',
    userAgent: '',
    ignored: '',
  };
}

/** Index of the quote that closes a quoted field starting at `from`, skipping `\"` and `\\`; -1 if none. */
export function closingQuote(line: string, from: number): number {
  let at = line.indexOf('"', from);
  while (at >= 0) {
    let backslashes = 0;
    while (at - backslashes - 1 >= from && line.charCodeAt(at - backslashes - 1) === 92 /* \ */)
      backslashes++;
    if (backslashes % 2 === 0) return at;
    at = line.indexOf('"', at + 1);
  }
  return -1;
}

/**
 * Split `line` into `out` following `format`. Returns undefined on success, else why the line does
 * not fit (the caller counts it as a reject).
 */
export function scanLine(format: CompiledFormat, line: string, out: RawFields): string | undefined {
  const segments = format.segments;
  let pos = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'literal') {
      if (!line.startsWith(segment.text, pos))
        return `expected ${JSON.stringify(segment.text)} at column ${pos + 1}`;
      pos += segment.text.length;
      continue;
    }
    let end: number;
    if (segment.ending === 'quote') {
      end = closingQuote(line, pos);
      if (end < 0) return `unterminated quoted field at column ${pos}`;
    } else if (segment.ending === 'bracket') {
      if (line.charCodeAt(pos) !== 91 /* [ */) return `expected "[" before the time at column ${pos + 1}`;
      end = line.indexOf(']', pos);
      if (end < 0) return `unterminated [time] at column ${pos + 1}`;
      end++;
    } else if (segment.ending === 'literal') {
      const next = segments[i + 1] as { text: string };
      end = line.indexOf(next.text, pos);
      if (end < 0) return `line ends early after column ${pos}`;
    } else {
      end = line.length;
    }
    if (end === pos && segment.ending !== 'quote') return `empty ${segment.field} field at column ${pos + 1}`;
    if (!UNUSED_FIELDS.has(segment.field)) out[segment.field] = line.slice(pos, end);
    pos = end;
  }
  if (pos !== line.length) return `unexpected text after the last field at column ${pos + 1}`;
  return undefined;
}
