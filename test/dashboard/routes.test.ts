// Route resolution: the dashboard answers exactly its pages, API and named assets; everything else is 404.

import { describe, expect, it } from 'vitest';
import { resolveRoute } from '../../src/dashboard/routes.js';

describe('resolveRoute', () => {
  it.each([
    ['/', { kind: 'page', page: 'overview' }],
    ['/logs', { kind: 'page', page: 'logs' }],
    ['/pipeline?date=2024-01-17', { kind: 'page', page: 'pipeline' }],
    ['/api/overview', { kind: 'api-overview' }],
    ['/api/quality', { kind: 'api-job', job: 'quality', query: {} }],
    ['/api/logs?date=2024-01-17', { kind: 'api-job', job: 'logs', query: { key: '2024-01-17' } }],
    ['/api/reconcile?period=202401', { kind: 'api-job', job: 'reconcile', query: { key: '202401' } }],
    [
      '/api/reconcile?severity=high&type=missing_record&period=',
      { kind: 'api-job', job: 'reconcile', query: { severity: 'high', type: 'missing_record' } },
    ],
    [
      '/api/reconcile?severity=High',
      { kind: 'bad-request', message: 'severity must be a lower-case name such as missing_record' },
    ],
    [
      '/api/reconcile?type=%3Cscript%3E',
      { kind: 'bad-request', message: 'type must be a lower-case name such as missing_record' },
    ],
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
