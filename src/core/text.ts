// Making untrusted text safe to print: control characters and terminal escapes removed, long values cut.
// HTML escaping lives with the dashboard; this is for text reports and logs.

// CSI/OSC escape sequences first, then any remaining C0/C1 control character (tab included).
/* eslint-disable no-control-regex -- matching control characters is the point of this module */
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]/g;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/g;
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Remove terminal escape sequences and control characters (each becomes nothing; tabs and newlines a space). */
export function stripControl(text: string): string {
  if (!ANY_CONTROL.test(text)) return text; // the common case: one scan, no copies
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/[\t\r\n]/g, ' ')
    .replace(CONTROL_CHARACTER, '');
}

/** Shorten `text` to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Untrusted text made fit for a text report: control characters stripped, then truncated. */
export function safeText(text: string, max = 200): string {
  return truncate(stripControl(text), max);
}

/**
 * Format an integer with thousands separators: 15234 -> "15,234" (what `toLocaleString('en-US')`
 * gives, without its ICU set-up of 17-33 ms on first use; values it writes differently, such as
 * -0, NaN, infinities and 1e21 or more, still go to it).
 */
export function formatCount(n: number): string {
  const rounded = Math.round(n);
  if (!(Math.abs(rounded) < 1e21) || Object.is(rounded, -0)) return rounded.toLocaleString('en-US');
  const digits = String(Math.abs(rounded));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return rounded < 0 ? `-${out}` : out;
}

/** Format a percentage with one decimal: 74 -> "74.0%". */
export function formatPercent(value: number, digits = 1): string {
  return `${value.toFixed(digits)}%`;
}

/** Levenshtein edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(
        previous[j] + 1,
        previous[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The candidate closest to `word`, or undefined when none is plausibly a misspelling of it. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
