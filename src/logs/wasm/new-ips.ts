// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): the new dotted quads the scanner
// numbers itself during one scan (scanner.ts decides when it may), with the numbers JavaScript would
// give them next, and the list JavaScript reads after the scan to number them alike (wasm-lines.ts).

// The number the next new dotted quad gets (JavaScript's next IP number), -1 when JavaScript numbers
// every new IP; and the values of the IPs numbered in this scan, in number order.
let nextIp: i32 = -1;
let numbered: usize = 0;
let numberedCount: i32 = 0;

/** Room for the values of at most `maxIps` IPs a scan numbers. */
export function setupNewIps(maxIps: i32): void {
  numbered = heap.alloc((<usize>maxIps) << 2);
}

/** A scan starts: new IPs get numbers from `firstIp` on (-1: none here). */
export function startNewIps(firstIp: i32): void {
  nextIp = firstIp;
  numberedCount = 0;
}

/** Whether new dotted quads are numbered here in this scan. */
export function numberingIps(): bool {
  return nextIp >= 0;
}

/** The number of the new dotted quad of value `value` (only while numberingIps), kept for JavaScript. */
export function numberNewIp(value: u32): i32 {
  store<u32>(numbered + ((<usize>numberedCount) << 2), value);
  numberedCount++;
  return nextIp++;
}

/** How many new IPs the last scan numbered itself (numbers from its `firstIp` on). */
export function numberedIps(): i32 {
  return numberedCount;
}

/** Where the values of those IPs are (u32 each, in number order). */
export function numberedIpsAddress(): usize {
  return numbered;
}
