// Path normalization: the endpoint key for metrics ({id} for numeric and UUID segments, no query),
// and the OWASP-CRS-style decoded form attack detection looks at. Does not classify attacks.

// UUID: 8-4-4-4-12 hex digits, either case.
const UUID_LENGTH = 36;

// Whether offset `i` of a UUID holds a dash (8, 13, 18 and 23).
function isUuidDash(i: number): boolean {
  return i === 8 || i === 13 || i === 18 || i === 23;
}

function isHexDigit(c: number): boolean {
  const lower = c | 32;
  return (c >= 48 && c <= 57) || (lower >= 97 && lower <= 102);
}

// Whether text[start, end) is an id: one or more ASCII digits, or a UUID.
function isIdRange(text: string, start: number, end: number): boolean {
  if (end === start) return false;
  let digits = true;
  for (let i = start; i < end && digits; i++) {
    const c = text.charCodeAt(i);
    digits = c >= 48 && c <= 57;
  }
  if (digits) return true;
  if (end - start !== UUID_LENGTH) return false;
  for (let i = 0; i < UUID_LENGTH; i++) {
    const c = text.charCodeAt(start + i);
    if (isUuidDash(i) ? c !== 45 : !isHexDigit(c)) return false;
  }
  return true;
}

/** True when a path segment is an id: all digits, or a UUID. */
export function isIdSegment(segment: string): boolean {
  return isIdRange(segment, 0, segment.length);
}

/**
 * The endpoint a request path belongs to: query string and fragment dropped, numeric and UUID
 * segments replaced by `{id}`. `/api/products/123?x=1` -> `/api/products/{id}`.
 */
export function endpointPath(path: string): string {
  let end = path.length;
  const query = path.indexOf('?');
  if (query >= 0) end = query;
  const fragment = path.indexOf('#');
  if (fragment >= 0 && fragment < end) end = fragment;
  const bare = end === path.length ? path : path.slice(0, end);
  // Without a digit nothing is replaced, not even a UUID made of letters only.
  if (!/\d/.test(bare)) return bare || '/';
  // Segments are cut at each '/'; the text between replaced segments is copied in one piece.
  let out = '';
  let copied = 0;
  for (let start = 0; start <= bare.length;) {
    let segmentEnd = bare.indexOf('/', start);
    if (segmentEnd < 0) segmentEnd = bare.length;
    if (isIdRange(bare, start, segmentEnd)) {
      out += `${bare.slice(copied, start)}{id}`;
      copied = segmentEnd;
    }
    start = segmentEnd + 1;
  }
  return copied === 0 ? bare : out + bare.slice(copied);
}

const PERCENT = /%(?:u([0-9a-fA-F]{4})|([0-9a-fA-F]{2}))/g;
const HTML_ENTITY = /&(?:#x([0-9a-f]{1,6});?|#(\d{1,7});?|(lt|gt|quot|apos|amp);)/gi;
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

function codePointText(code: number): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** One round of percent-decoding: `%2e` and IIS-style `%u002e`; `+` becomes a space. Invalid escapes stay. */
export function percentDecodeOnce(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  return text
    .replace(/\+/g, ' ')
    .replace(PERCENT, (_all, unicode: string | undefined, byte: string | undefined) =>
      String.fromCharCode(parseInt(unicode ?? byte ?? '0', 16)),
    );
}

/** Decode HTML entities (`&lt;`, `&#60;`, `&#x3c;`) the way CRS's htmlEntityDecode does. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    HTML_ENTITY,
    (_all, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (hex !== undefined) return codePointText(parseInt(hex, 16));
      if (dec !== undefined) return codePointText(Number(dec));
      return NAMED_ENTITIES[(name ?? '').toLowerCase()] ?? '';
    },
  );
}

/** A request target made ready for inspection, and what the decoding itself revealed. */
export interface InspectedPath {
  /** Lower-cased, fully decoded, backslashes as slashes, null bytes removed. */
  text: string;
  /** Percent-decoding rounds that changed the text (2 or more means double encoding). */
  decodeRounds: number;
  /** A null byte was present (a classic extension-bypass trick). */
  hadNullByte: boolean;
}

/**
 * Normalize a request target the way the OWASP Core Rule Set does before matching: percent-decode
 * repeatedly until the text stops changing (so `%252e%252e%252f` is caught), decode HTML entities,
 * turn backslashes into slashes, drop null bytes, collapse repeated slashes and lower-case it.
 * `..` segments are deliberately kept: resolving them would hide the traversal being looked for.
 */
export function inspectablePath(raw: string): InspectedPath {
  let text = raw;
  let decodeRounds = 0;
  for (let round = 0; round < 8; round++) {
    const next = percentDecodeOnce(text);
    if (next === text) break;
    text = next;
    decodeRounds++;
  }
  text = decodeHtmlEntities(text);
  const hadNullByte = text.includes('\u0000');
  text = text
    .replaceAll('\u0000', '')
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/')
    .toLowerCase();
  return { text, decodeRounds, hadNullByte };
}
