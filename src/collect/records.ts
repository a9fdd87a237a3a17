// What a page and its records must look like, checked before anything is staged: the spec's page shape,
// product and inventory records, and de-duplication by product_id. Does not fetch or store anything.

import { z } from 'zod';
import { JobError } from '../core/errors.js';
import { formatJsonPath } from '../core/config.js';
import type { EndpointName } from './config.js';

const pageSchema = z.object({
  data: z.array(z.unknown()),
  pagination: z.object({
    current_page: z.number().int().positive(),
    page_size: z.number().int().positive(),
    total_items: z.number().int().nonnegative(),
    total_pages: z.number().int().nonnegative(),
    has_next: z.boolean(),
  }),
});

/** One page of an endpoint as the API returned it. */
export type ApiPage = z.output<typeof pageSchema>;

/** Check a page body; a wrong shape is a JobError naming the request and the JSON path. */
export function parsePage(body: unknown, requestLabel: string): ApiPage {
  const result = pageSchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new JobError(
    `GET ${requestLabel} returned an unexpected page: ${formatJsonPath(issue.path)}: ${issue.message}`,
    {
      hint: 'check base_url points at the supplier API (the page needs data and pagination)',
    },
  );
}

const productSchema = z.looseObject({
  product_id: z.string().min(1),
  name: z.string(),
  category: z.string(),
  price: z.number().finite(),
  active: z.boolean(),
});

const inventorySchema = z.looseObject({
  product_id: z.string().min(1),
  warehouse: z.string(),
  quantity: z.number().int(),
  last_updated: z.string(),
});

/** A record that passed its endpoint's checks (extra fields are kept as received). */
export type ApiRecord = { product_id: string } & Record<string, unknown>;

/** A record that could not be used, with where it came from. */
export interface RejectedRecord {
  page: number;
  index: number;
  reason: string;
  raw: string;
}

const schemas: Record<EndpointName, z.ZodType<ApiRecord>> = {
  products: productSchema,
  inventory: inventorySchema,
};

/** Sorting of one page's records into usable, duplicate and rejected. */
export interface SortedPage {
  accepted: ApiRecord[];
  duplicateIds: string[];
  rejected: RejectedRecord[];
}

/**
 * Validate a page's records and drop any whose product_id is already in `seen` (which is updated).
 */
export function sortPageRecords(
  endpoint: EndpointName,
  page: number,
  data: readonly unknown[],
  seen: Set<string>,
): SortedPage {
  const sorted: SortedPage = { accepted: [], duplicateIds: [], rejected: [] };
  data.forEach((item, index) => {
    const result = schemas[endpoint].safeParse(item);
    if (!result.success) {
      const issue = result.error.issues[0];
      sorted.rejected.push({
        page,
        index,
        reason: `${formatJsonPath(issue.path)}: ${issue.message}`,
        raw: JSON.stringify(item) ?? 'undefined',
      });
    } else if (seen.has(result.data.product_id)) {
      sorted.duplicateIds.push(result.data.product_id);
    } else {
      seen.add(result.data.product_id);
      sorted.accepted.push(result.data);
    }
  });
  return sorted;
}
