// Comparing two spans of (packed) text in place, exactly or as String#toLowerCase would compare them,
// without slicing either: the key index compares hundreds of thousands of duplicate keys this way.

/** The ASCII lowercase of character code `c` (only A-Z change, as toLowerCase does for ASCII). */
function lowerAscii(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/**
 * Whether a[aFrom, aTo) equals b[bFrom, bTo), or with `lowercase` whether they are equal after
 * toLowerCase. ASCII case differences are resolved in place; any text where non-ASCII characters
 * could matter to the lowercase comparison is compared by toLowerCase itself.
 */
export function sameSpan(
  a: string,
  aFrom: number,
  aTo: number,
  b: string,
  bFrom: number,
  bTo: number,
  lowercase: boolean,
): boolean {
  const length = aTo - aFrom;
  if (length === bTo - bFrom) {
    let caseDiffers = false;
    let nonAscii = false;
    let k = 0;
    for (; k < length; k++) {
      const x = a.charCodeAt(aFrom + k);
      const y = b.charCodeAt(bFrom + k);
      if (x >= 0x80 || y >= 0x80) nonAscii = true;
      if (x === y) continue;
      if (!lowercase) return false;
      if (nonAscii) break;
      if (lowerAscii(x) !== lowerAscii(y)) return false;
      caseDiffers = true;
    }
    if (k === length && !(caseDiffers && nonAscii)) return true;
  } else if (!lowercase) return false;
  return a.slice(aFrom, aTo).toLowerCase() === b.slice(bFrom, bTo).toLowerCase();
}
