// Choosing each cluster's surviving record and filling its gaps from the records merged into it.
// Ranking: fewest N/A fields, then earliest signup date, then CRM before ECOM, then input order.

import { reasonKeys } from './match-reasons.js';
import { CUSTOMER_FIELDS, NA } from './types.js';
import type { Customer, CustomerField, MatchKey } from './types.js';

/** A field of the survivor that was N/A and was taken from another member. */
export interface FilledField {
  field: CustomerField;
  from: string;
}

/** One output customer: the survivor with filled fields, and what was merged into it. */
export interface MergedCustomer {
  unifiedId: string;
  survivor: Customer;
  fields: Record<CustomerField, string>;
  sourceSystem: string;
  removed: readonly Customer[];
  filled: readonly FilledField[];
  /** The keys tying the removed records to the cluster, in report order. */
  matchReason: readonly MatchKey[];
}

/** How many of the record's fields (all of CUSTOMER_FIELDS) are N/A; written out as it runs for every comparison. */
function naCount({ fields: f }: Customer): number {
  return (
    (f.full_name === NA ? 1 : 0) +
    (f.email === NA ? 1 : 0) +
    (f.phone === NA ? 1 : 0) +
    (f.signup_date === NA ? 1 : 0) +
    (f.status === NA ? 1 : 0)
  );
}

/** Order records best-first for survivorship. */
export function compareForSurvival(a: Customer, b: Customer): number {
  const byGaps = naCount(a) - naCount(b);
  if (byGaps !== 0) return byGaps;
  const dateA = a.fields.signup_date === NA ? '9999' : a.fields.signup_date;
  const dateB = b.fields.signup_date === NA ? '9999' : b.fields.signup_date;
  if (dateA !== dateB) return dateA < dateB ? -1 : 1;
  if (a.source !== b.source) return a.source === 'CRM' ? -1 : 1;
  return a.index - b.index;
}

/** `CUST001`, ..., `CUST999`, `CUST1000`: at least three digits, widening as needed. */
export function unifiedId(position: number): string {
  return `CUST${String(position).padStart(3, '0')}`;
}

/**
 * Merge one cluster (members in input order) into an output customer numbered `position`. Written as
 * plain loops: it runs for every cluster of several records, and array helpers' copies added up.
 */
export function mergeCluster(
  members: readonly Customer[],
  reasons: Uint8Array,
  position: number,
): MergedCustomer {
  if (members.length === 1) return single(members[0], position);
  const ranked = members.slice().sort(compareForSurvival);
  const survivor = ranked[0];
  const fields = copyFields(survivor.fields);
  const filled: FilledField[] = [];
  for (const field of CUSTOMER_FIELDS) {
    if (fields[field] !== NA) continue;
    for (let r = 1; r < ranked.length; r++) {
      const value = ranked[r].fields[field];
      if (value === NA) continue;
      fields[field] = value;
      filled.push({ field, from: ranked[r].sourceId });
      break;
    }
  }
  const removed = members.filter((c) => c !== survivor);
  let reasonBits = 0;
  for (const c of removed) reasonBits |= reasons[c.index];
  return {
    unifiedId: unifiedId(position),
    survivor,
    fields,
    sourceSystem: systemsOf(members),
    removed,
    filled,
    matchReason: reasonKeys(reasonBits),
  };
}

/** `CRM`, `ECOM` or `CRM+ECOM`: the systems the records came from (empty for no records). */
export function systemsOf(records: readonly Customer[]): string {
  let crm = false;
  let ecom = false;
  for (const { source } of records) {
    if (source === 'CRM') crm = true;
    else ecom = true;
  }
  return crm && ecom ? 'CRM+ECOM' : crm ? 'CRM' : ecom ? 'ECOM' : '';
}

/** A plain copy of a record's fields (which may be read through getters, so no spread). */
function copyFields(f: Readonly<Record<CustomerField, string>>): Record<CustomerField, string> {
  return {
    full_name: f.full_name,
    email: f.email,
    phone: f.phone,
    signup_date: f.signup_date,
    status: f.status,
  };
}

/** A cluster of one: the record as it is (its fields object and the empty lists shared, not copied). */
function single(customer: Customer, position: number): MergedCustomer {
  return {
    unifiedId: unifiedId(position),
    survivor: customer,
    fields: customer.fields,
    sourceSystem: customer.source,
    removed: NONE_REMOVED,
    filled: NONE_FILLED,
    matchReason: NO_REASON,
  };
}

const NONE_REMOVED: readonly Customer[] = Object.freeze([]);
const NONE_FILLED: readonly FilledField[] = Object.freeze([]);
const NO_REASON: readonly MatchKey[] = Object.freeze([]);
