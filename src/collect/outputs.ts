// The collector's outputs from the staged records: products JSON, inventory CSV and a rejects CSV.
// Every file is written atomically. Does not fetch or de-duplicate.

import { join } from 'node:path';
import { writeCsvAtomic } from '../core/csv-write.js';
import { writeJsonAtomic } from '../core/files.js';
import type { EndpointName } from './config.js';
import type { ApiRecord, RejectedRecord } from './records.js';

/** The columns of inventory_<date>.csv, in the spec's order. */
export const INVENTORY_COLUMNS = ['product_id', 'warehouse', 'quantity', 'last_updated'] as const;

/** Output file paths for a run date. */
export function outputPaths(dir: string, date: string) {
  return {
    products: join(dir, 'data', `products_${date}.json`),
    inventory: join(dir, 'data', `inventory_${date}.csv`),
    rejects: join(dir, 'data', `rejects_${date}.csv`),
  };
}

/** Write `{collected_at, total_records, products}` as the spec shows. */
export function writeProductsJson(path: string, collectedAt: string, products: readonly ApiRecord[]): void {
  writeJsonAtomic(path, { collected_at: collectedAt, total_records: products.length, products });
}

/** Write the inventory CSV with the spec's columns. */
export function writeInventoryCsv(path: string, inventory: readonly ApiRecord[]): void {
  const cell = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : '';
  writeCsvAtomic(
    path,
    INVENTORY_COLUMNS,
    inventory.map((record) => INVENTORY_COLUMNS.map((column) => cell(record[column]))),
  );
}

/** Write the records no endpoint could use, with endpoint, page, position and reason. */
export function writeRejectsCsv(
  path: string,
  rejects: ReadonlyArray<{ endpoint: EndpointName } & RejectedRecord>,
): void {
  writeCsvAtomic(
    path,
    ['endpoint', 'page', 'index', 'reason', 'record'],
    rejects.map((r) => [r.endpoint, r.page, r.index, r.reason, r.raw]),
  );
}
