// The counts of the plain lines the compiled scanner counted entirely itself (wasm/line-counts.ts):
// the part's totals, hours, minutes and status codes, and the first endpoint tallies' requests,
// bytes, errors and status codes. Read once, at the end of a part, and added to what JavaScript
// counted for the other lines; also tells the scanner when a tally's first error lines are kept.
// Judges nothing.

import type { EndpointTally, PartialAggregate } from './partial.js';
import { addStatusCounts } from './status-counts.js';
import {
  HOUR_BYTES,
  HOUR_ERRORS,
  HOUR_REQUESTS,
  MINUTE_REQUESTS,
  PART_BYTES,
  PART_OUTSIDE_DAY,
  PART_REQUESTS,
  PART_STATUSES,
  TALLIES,
  TALLY_BYTES,
  TALLY_ERRORS,
  TALLY_EVIDENCE_FULL,
  TALLY_REQUESTS,
  TALLY_SLOTS,
  TALLY_STATUSES,
} from './wasm-module.js';
import type { ScannerExports } from './wasm-module.js';

/** The scanner's own line counts, for one part. */
export class ScannerCounts {
  constructor(private readonly scanner: ScannerExports) {}

  /** Endpoint tally `index` has all its first error lines: the scanner may count its error lines. */
  evidenceFull(index: number): void {
    if (index >= TALLIES) return;
    const floats = new Float64Array(this.scanner.memory.buffer);
    floats[(this.scanner.tallyCounts() >> 3) + index * TALLY_SLOTS + TALLY_EVIDENCE_FULL] = 1;
  }

  /** Add the scanner's counts into `part` and its first `tallies` (by index). */
  addInto(part: PartialAggregate, tallies: readonly EndpointTally[]): void {
    const floats = new Float64Array(this.scanner.memory.buffer);
    const at = this.scanner.partCounts() >> 3;
    part.requests += floats[at + PART_REQUESTS];
    part.bytes += floats[at + PART_BYTES];
    part.outsideDay += floats[at + PART_OUTSIDE_DAY];
    for (let hour = 0; hour < 24; hour++) {
      part.hourRequests[hour] += floats[at + HOUR_REQUESTS + hour];
      part.hourErrors[hour] += floats[at + HOUR_ERRORS + hour];
      part.hourBytes[hour] += floats[at + HOUR_BYTES + hour];
    }
    for (let minute = 0; minute < 1440; minute++)
      part.minuteRequests[minute] += floats[at + MINUTE_REQUESTS + minute];
    addStatusCounts(floats, at + PART_STATUSES, part.statuses);
    const first = this.scanner.tallyCounts() >> 3;
    const count = Math.min(tallies.length, TALLIES);
    for (let index = 0; index < count; index++) {
      const tally = tallies[index];
      const slot = first + index * TALLY_SLOTS;
      tally.requests += floats[slot + TALLY_REQUESTS];
      tally.bytes += floats[slot + TALLY_BYTES];
      tally.errors += floats[slot + TALLY_ERRORS];
      addStatusCounts(floats, slot + TALLY_STATUSES, tally.statuses);
    }
  }
}
