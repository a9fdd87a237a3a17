// Fetches one endpoint page by page from where its state left off, committing each page (staged records,
// then the state) before asking for the next. Stops on has_next/total_pages/max_pages; refuses a repeated page.

import { createHash } from 'node:crypto';
import { JobError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { EndpointName } from './config.js';
import type { ApiClient } from './http-client.js';
import type { ProgressReporter } from './progress.js';
import { type ApiPage, parsePage, sortPageRecords } from './records.js';
import type { StagedLine, StagingFile } from './staging.js';
import type { EndpointState } from './state.js';

/** What one endpoint's collection works with. */
export interface EndpointRun {
  name: EndpointName;
  path: string;
  pageSize: number;
  maxPages: number;
  client: ApiClient;
  logger: Logger;
  progress: ProgressReporter;
  state: EndpointState;
  staging: StagingFile;
  /** product_ids already staged (restored from staging on resume). */
  seen: Set<string>;
  /** Persist the whole run state (called after each page is staged). */
  commit(): void;
}

function digestOf(data: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}

const label = (name: string) => name[0].toUpperCase() + name.slice(1);

/** Collect the endpoint's remaining pages; its state is `completed` afterwards. */
export async function collectEndpoint(run: EndpointRun): Promise<void> {
  const { name, state, logger } = run;
  logger.info(
    state.last_page > 0
      ? `Fetching ${name} endpoint (resuming after page ${state.last_page})`
      : `Fetching ${name} endpoint`,
  );
  for (let page = state.last_page + 1; state.status !== 'completed'; page++) {
    if (page > run.maxPages) {
      logger.warn(
        `${name}: stopped at max_pages (${run.maxPages}) of ${state.total_pages} pages; the output holds only the first ${state.records_collected} items (raise pagination.max_pages to get all)`,
      );
      state.status = 'completed';
      run.commit();
      break;
    }
    const requestLabel = `${run.path}?page=${page}&page_size=${run.pageSize}`;
    const apiPage = parsePage(
      await run.client.get(run.path, { page, page_size: run.pageSize }),
      requestLabel,
    );
    const digest = checkPage(apiPage, page, requestLabel, state.last_page_digest);
    stagePage(run, page, apiPage.data);
    state.status = isLastPage(apiPage, page, name, logger) ? 'completed' : 'in_progress';
    state.last_page = page;
    state.total_pages = apiPage.pagination.total_pages;
    state.last_page_digest = digest;
    run.commit();
    run.progress.update({
      endpoint: name,
      page,
      totalPages: Math.min(run.maxPages, Math.max(page, apiPage.pagination.total_pages)),
      records: state.records_collected,
    });
  }
  run.progress.finish();
  logger.info(
    `${label(name)} collection complete: ${state.records_collected} items in ${state.last_page} pages`,
  );
}

/** The page's digest (null when empty); throws when the API answered another page or repeated the last one. */
function checkPage(
  apiPage: ApiPage,
  page: number,
  requestLabel: string,
  previousDigest: string | null,
): string | null {
  if (apiPage.pagination.current_page !== page) {
    throw new JobError(
      `GET ${requestLabel} returned page ${apiPage.pagination.current_page} instead of page ${page}`,
      { hint: 'the API ignores the page parameter; check the endpoint path' },
    );
  }
  const digest = apiPage.data.length > 0 ? digestOf(apiPage.data) : null;
  if (digest !== null && digest === previousDigest) {
    throw new JobError(`GET ${requestLabel} returned the same records as page ${page - 1}`, {
      hint: 'the API repeats a page; stopping so the run does not loop forever',
    });
  }
  return digest;
}

/** True when no page follows: has_next is false, or the API contradicts itself (then with a warning). */
function isLastPage(apiPage: ApiPage, page: number, name: string, logger: Logger): boolean {
  if (!apiPage.pagination.has_next) return true;
  if (apiPage.data.length === 0) {
    logger.warn(`${name}: page ${page} is empty but has_next is true; stopping here`);
    return true;
  }
  if (page >= apiPage.pagination.total_pages) {
    logger.warn(
      `${name}: has_next is true on page ${page} but total_pages is ${apiPage.pagination.total_pages}; stopping here`,
    );
    return true;
  }
  return false;
}

/** Sort a page's records and append them to staging, warning about duplicates and rejects. */
function stagePage(run: EndpointRun, page: number, data: readonly unknown[]): void {
  const { name, state, logger } = run;
  const sorted = sortPageRecords(name, page, data, run.seen);
  if (sorted.duplicateIds.length > 0) {
    const shown = sorted.duplicateIds.slice(0, 5).join(', ');
    const more = sorted.duplicateIds.length > 5 ? ` and ${sorted.duplicateIds.length - 5} more` : '';
    logger.warn(
      `${name} page ${page}: skipped ${sorted.duplicateIds.length} record(s) whose product_id was already collected (${shown}${more})`,
    );
  }
  if (sorted.rejected.length > 0) {
    logger.warn(
      `${name} page ${page}: rejected ${sorted.rejected.length} record(s) (first: item ${sorted.rejected[0].index}, ${sorted.rejected[0].reason})`,
    );
  }
  const lines: StagedLine[] = [
    ...sorted.accepted.map((record) => ({ record })),
    ...sorted.rejected.map((reject) => ({ reject })),
  ];
  state.staging_bytes = run.staging.append(lines);
  state.records_collected += sorted.accepted.length;
  state.duplicates_skipped += sorted.duplicateIds.length;
  state.records_rejected += sorted.rejected.length;
}
