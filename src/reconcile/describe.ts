// One-line descriptions of discrepancies and money/number formatting shared by the text report and the
// discrepancies JSON. Exact decimals throughout; no rendering of whole reports here.

import { Decimal } from 'decimal.js';
import type { Discrepancy } from './model.js';

/** `$1,234.50` / `-$0.02` from exact decimal text (at least two places, more when the value has them). */
export function money(value: string | null): string {
  if (value === null) return 'n/a';
  const d = new Decimal(value);
  const places = Math.max(2, d.decimalPlaces());
  const [whole, fraction] = d.abs().toFixed(places).split('.');
  return `${d.isNegative() && !d.isZero() ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** `+$0.02` / `-$19.99`: a signed money difference. */
export function signedMoney(value: string): string {
  const d = new Decimal(value);
  if (d.isZero()) return money('0');
  return d.isNegative() ? money(value) : `+${money(value)}`;
}

/** `+0.0%` style signed percent with one decimal (a small negative change stays `-0.0%`); `n/a` for null. */
export function signedPercent(value: number | null, digits = 1): string {
  if (value === null) return 'n/a';
  return `${value < 0 ? '-' : '+'}${Math.abs(value).toFixed(digits)}%`;
}

const FIELD_WORDS: Partial<Record<Discrepancy['type'], string>> = {
  amount_mismatch: 'Amount',
  status_mismatch: 'Status',
  quantity_mismatch: 'Quantity',
  timing_difference: 'Date',
};

/** What differs, for the JSON's `description` (label: a source id's short name). */
export function describe(d: Discrepancy, label: (id: string) => string): string {
  const target = d.target === null ? '' : label(d.target);
  switch (d.type) {
    case 'missing_record':
      return `Record exists in ${label(d.source)} but not in ${target}`;
    case 'ghost_record':
      return `Record exists in ${target} but not in ${label(d.source)}`;
    case 'duplicate_key':
    case 'invalid_value':
      return `${label(d.source)}: ${d.note ?? ''}`;
    default: {
      const word = FIELD_WORDS[d.type] ?? d.field?.sourceField ?? 'Value';
      const show = (v: string | null | undefined) =>
        v === null || v === undefined ? '(empty)' : d.type === 'amount_mismatch' ? money(v) : v;
      return `${word}: ${show(d.field?.sourceValue)} vs ${show(d.field?.targetValue)}`;
    }
  }
}

/** The short text of the report's Details column (closer to the spec's wording for missing and ghost records). */
export function detailText(d: Discrepancy, label: (id: string) => string): string {
  if (d.type === 'missing_record') {
    const status = d.status
      ? `${d.status.charAt(0).toUpperCase()}${d.status.slice(1).toLowerCase()} order`
      : 'Record';
    return `${status} not in ${d.target === null ? '' : label(d.target)}`;
  }
  if (d.type === 'ghost_record')
    return `Exists in ${d.target === null ? '' : label(d.target)} but not ${label(d.source)}`;
  return describe(d, label);
}
