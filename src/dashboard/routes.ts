// Maps a request's method and URL to one of the dashboard's routes; anything else is not found.
// Pure: no file access here, so the route table is the whole of what the server will answer.

import { isDateKey } from './readers/files.js';
import type { JobName } from './readers/types.js';
import { JOB_NAMES } from './readers/types.js';

/** A page of the dashboard: the overview or one job's page. */
export type PageName = 'overview' | JobName;

/** What a request asks for. */
export type Route =
  | { kind: 'page'; page: PageName }
  | { kind: 'api-overview' }
  | { kind: 'api-job'; job: JobName; key: string | undefined }
  | { kind: 'asset'; name: string }
  | { kind: 'bad-request'; message: string }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

const isJob = (name: string): name is JobName => (JOB_NAMES as readonly string[]).includes(name);

/** Resolve a request to a route. Only GET and HEAD are answered; the query may carry `date` or `period`. */
export function resolveRoute(method: string | undefined, rawUrl: string | undefined): Route {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'method-not-allowed' };
  let url: URL;
  try {
    url = new URL(rawUrl ?? '/', 'http://dashboard.invalid');
  } catch {
    return { kind: 'bad-request', message: 'malformed URL' };
  }
  const path = url.pathname;
  if (path === '/') return { kind: 'page', page: 'overview' };
  if (path === '/api/overview') return { kind: 'api-overview' };
  const [, first, second, ...rest] = path.split('/');
  if (rest.length === 0 && second === undefined && isJob(first)) return { kind: 'page', page: first };
  if (rest.length === 0 && first === 'api' && second !== undefined && isJob(second)) {
    const key = url.searchParams.get('date') ?? url.searchParams.get('period') ?? undefined;
    if (key !== undefined && !isDateKey(key))
      return { kind: 'bad-request', message: 'date must be YYYY-MM-DD and period YYYYMM' };
    return { kind: 'api-job', job: second, key };
  }
  if (rest.length === 0 && first === 'assets' && second !== undefined) return { kind: 'asset', name: second };
  return { kind: 'not-found' };
}
