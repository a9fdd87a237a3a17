// Reads a part's IP columns (partial.ts) back as one IpTally per IP, for the logs tests.

import { ipv4Text } from '../../../src/logs/ip-numbering.js';
import { IP_ERRORS, IP_FIELDS, IP_HOUR_MASK, IP_LAST_SEEN, IP_REQUESTS } from '../../../src/logs/partial.js';
import type { IpColumns, IpTally } from '../../../src/logs/partial.js';

/** Every IP's IpTally in `columns`, by the part's number. */
export function ipTallies(columns: IpColumns): IpTally[] {
  return Array.from(columns.values, (value, id) => {
    const at = id * IP_FIELDS;
    const user = columns.users[id];
    return {
      ip: value >= 0 ? ipv4Text(value) : (columns.others.get(id) ?? ''),
      requests: columns.numbers[at + IP_REQUESTS],
      errors: columns.numbers[at + IP_ERRORS],
      lastSeen: columns.numbers[at + IP_LAST_SEEN],
      user: user < 0 ? '' : columns.userNames[user],
      hourMask: columns.numbers[at + IP_HOUR_MASK],
    };
  });
}
