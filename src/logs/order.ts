// Locale-independent ordering helpers, so reports sort the same on every machine (and fast).
// Not for display collation.

/** Compare two strings by UTF-16 code units: -1, 0 or 1. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
