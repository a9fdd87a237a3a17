// Test helper: a list of plain customers seen through the CustomerRows interface the matcher reads.

import type { Customer, CustomerRows } from '../../src/integrate/types.js';

/** `customers` as CustomerRows (customer i is `customers[i]`). */
export function rowsOf(customers: readonly Customer[]): CustomerRows {
  return {
    count: customers.length,
    customer: (i) => customers[i],
    field: (i, field) => customers[i].fields[field],
    sameField: (i, j, field, lowercase) => {
      const [a, b] = [customers[i].fields[field], customers[j].fields[field]];
      return lowercase ? a.toLowerCase() === b.toLowerCase() : a === b;
    },
  };
}
