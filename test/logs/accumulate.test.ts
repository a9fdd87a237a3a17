import { describe, expect, it } from 'vitest';
import { dayFrom, logLine } from './cases/lines.js';

describe('Accumulator with the parser caches', () => {
  it('counts the same after the distinct-request and agent tables start over', () => {
    const distinct = 100_005; // more than the parser keeps, so its tables are cleared once
    const lines = [
      logLine({ path: '/../../etc/passwd', agent: 'curl/8.0' }),
      ...Array.from({ length: distinct }, (_, i) =>
        logLine({ path: `/api/items/${i}`, agent: `Mozilla/5.0 Firefox/${i}` }),
      ),
      logLine({ path: '/api/items/0', agent: 'Mozilla/5.0 Firefox/0', status: 500 }),
      logLine({ path: '/../../etc/passwd', agent: 'curl/8.0' }),
    ];
    const day = dayFrom(lines);
    const items = day.endpoints.get('GET /api/items/{id}');
    expect(items).toMatchObject({ requests: distinct + 1, errors: 1 });
    expect(day.findings).toMatchObject([{ category: 'path_traversal', count: 2 }]);
    expect(day.agents.find((a) => a.agent === 'curl/8.0')).toMatchObject({ kind: 'script', count: 2 });
  });
});
