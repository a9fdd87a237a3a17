// Turns a raw source record into the unified schema, noting each value that was present but unusable.
// Field rules live in normalize-fields.ts; this only applies them and records the problems.

import type { IntegrateConfig } from './config.js';
import {
  normalizeDate,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeStatus,
} from './normalize-fields.js';
import { NA } from './types.js';
import type { Customer, CustomerField, RawCustomer } from './types.js';

/** A value that was present but could not be cleaned, and so became N/A. */
export interface FieldProblem {
  sourceId: string;
  field: CustomerField;
  value: string;
}

/** Normalize one record; unusable values become N/A and are pushed onto `problems`. */
export function normalizeCustomer(
  raw: RawCustomer,
  index: number,
  config: IntegrateConfig,
  problems: FieldProblem[],
): Customer {
  const clean = (field: CustomerField, value: string | null): string => {
    if (value !== null) return value;
    problems.push({ sourceId: raw.sourceId, field, value: raw.fields[field] ?? '' });
    return NA;
  };
  const rawStatus =
    raw.fields.status ?? (raw.source === 'ECOM' ? config.ecommerce_default_status : undefined);
  return {
    source: raw.source,
    sourceId: raw.sourceId,
    index,
    fields: {
      full_name: clean('full_name', normalizeName(raw.fields.full_name)),
      email: clean('email', normalizeEmail(raw.fields.email)),
      phone: clean('phone', normalizePhone(raw.fields.phone, config.home_country_code)),
      signup_date: clean('signup_date', normalizeDate(raw.fields.signup_date)),
      status: normalizeStatus(rawStatus),
    },
  };
}
