// The shapes the integration job passes between its stages: raw source rows, normalized customers, clusters.
// No behaviour lives here.

/** The placeholder for a missing or unusable value, as the spec writes it. */
export const NA = 'N/A';

/** Which system a record came from. */
export type SourceSystem = 'CRM' | 'ECOM';

/** The fields of the unified schema that come from a source record. */
export const CUSTOMER_FIELDS = ['full_name', 'email', 'phone', 'signup_date', 'status'] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** A source record before cleaning. (Only rejects carry a location; usable records need none.) */
export interface RawCustomer {
  source: SourceSystem;
  sourceId: string;
  fields: Record<CustomerField, string | undefined>;
}

/** A cleaned record in the unified schema; any field may be `N/A`. */
export interface Customer {
  source: SourceSystem;
  sourceId: string;
  /** Position in the combined input (CRM rows first, then ECOM). */
  index: number;
  fields: Record<CustomerField, string>;
}

/** Customers by position (CRM rows first, then ECOM), made into objects only on request. */
export interface CustomerRows {
  readonly count: number;
  /** Customer `index` as a plain object. */
  customer(index: number): Customer;
  /** One field of customer `index`, without making the customer. */
  field(index: number, field: CustomerField): string;
  /** Whether customers `i` and `j` hold the same `field`, compared lowercased when `lowercase`. */
  sameField(i: number, j: number, field: CustomerField, lowercase: boolean): boolean;
}

/** A record that could not be used, for integration_rejects.csv. */
export interface RejectedRecord {
  source: string;
  location: string;
  reason: string;
  record: string;
}

/** Keys that can tie two records together, in the order reports list them. */
export const MATCH_KEYS = ['email', 'phone', 'name', 'fuzzy_name'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];
