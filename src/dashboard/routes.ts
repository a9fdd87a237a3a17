// Maps a request's method and URL to one of the dashboard's routes; anything else is not found.
// Pure: no file access here, so the route table is the whole of what the server will answer.

import { isDateKey } from './readers/files.js';
import type { JobName, JobQuery } from './readers/types.js';
import { JOB_NAMES } from './readers/types.js';

/** A page of the dashboard: the overview or one job's page. */
export type PageName = 'overview' | JobName;

/** What a request asks for. */
export type Route =
  | { kind: 'page'; page: PageName }
  | { kind: 'api-overview' }
  | { kind: 'api-job'; job: JobName; query: JobQuery }
  | { kind: 'asset'; name: string }
  | { kind: 'bad-request'; message: string }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

const isJob = (name: string): name is JobName => (JOB_NAMES as readonly string[]).includes(name);

const FILTER_VALUE = /^[a-z][a-z_]{0,39}$/;

/** The validated query of a job API request, or the reason it is refused. */
function jobQuery(params: URLSearchParams): JobQuery | string {
  const key = params.get('date') || params.get('period') || undefined;
  if (key !== undefined && !isDateKey(key)) return 'date must be YYYY-MM-DD and period YYYYMM';
  const query: JobQuery = key === undefined ? {} : { key };
  for (const name of ['severity', 'type'] as const) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    if (!FILTER_VALUE.test(value)) return `${name} must be a lower-case name such as missing_record`;
    query[name] = value;
  }
  return query;
}

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
    const query = jobQuery(url.searchParams);
    return typeof query === 'string'
      ? { kind: 'bad-request', message: query }
      : { kind: 'api-job', job: second, query };
  }
  if (rest.length === 0 && first === 'assets' && second !== undefined) return { kind: 'asset', name: second };
  return { kind: 'not-found' };
}
