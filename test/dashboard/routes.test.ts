// Route resolution: the dashboard answers exactly its pages, API and named assets; everything else is 404.

import { describe, expect, it } from 'vitest';
import { resolveRoute } from '../../src/dashboard/routes.js';

describe('resolveRoute', () => {
  it.each([
    ['/', { kind: 'page', page: 'overview' }],
    ['/logs', { kind: 'page', page: 'logs' }],
    ['/pipeline?date=2024-01-17', { kind: 'page', page: 'pipeline' }],
    ['/api/overview', { kind: 'api-overview' }],
    ['/api/quality', { kind: 'api-job', job: 'quality', key: undefined }],
    ['/api/logs?date=2024-01-17', { kind: 'api-job', job: 'logs', key: '2024-01-17' }],
    ['/api/reconcile?period=202401', { kind: 'api-job', job: 'reconcile', key: '202401' }],
    ['/assets/common.js', { kind: 'asset', name: 'common.js' }],
    [
      '/api/logs?date=2024-01-17T00',
      { kind: 'bad-request', message: 'date must be YYYY-MM-DD and period YYYYMM' },
    ],
    ['/assets/../secret', { kind: 'not-found' }],
    ['/assets/a/b', { kind: 'not-found' }],
    ['/overview', { kind: 'not-found' }],
    ['/api/logs/2024-01-17', { kind: 'not-found' }],
    ['/LOGS', { kind: 'not-found' }],
  ])('GET %s', (url, route) => {
    expect(resolveRoute('GET', url)).toEqual(route);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', undefined])(
    'refuses method %s',
    (method) => {
      expect(resolveRoute(method, '/')).toEqual({ kind: 'method-not-allowed' });
    },
  );

  it('answers HEAD like GET', () => {
    expect(resolveRoute('HEAD', '/api/overview')).toEqual({ kind: 'api-overview' });
  });
});
