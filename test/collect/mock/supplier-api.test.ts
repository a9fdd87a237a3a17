import { describe, expect, it } from 'vitest';
import { generateCatalogue } from '../../../src/collect/mock/data.js';
import { type MockResponse, pageOf, SPEC_FAULT_RATES } from '../../../src/collect/mock/supplier-api.js';
import { FakeClock } from '../../../src/core/clock.js';
import { API_KEY, makeMock } from '../helpers.js';

describe('generateCatalogue', () => {
  it('is the same for the same seed and different for another', () => {
    const a = generateCatalogue(3, 50, 'x');
    expect(generateCatalogue(3, 50, 'x')).toEqual(a);
    expect(generateCatalogue(4, 50, 'x')).not.toEqual(a);
  });

  it('numbers products PROD0001... and stocks only the active ones', () => {
    const { products, inventory } = generateCatalogue(1, 350, '2024-01-17T08:00:00Z');
    expect(products[0].product_id).toBe('PROD0001');
    expect(products[349].product_id).toBe('PROD0350');
    expect(inventory.map((i) => i.product_id)).toEqual(
      products.filter((p) => p.active).map((p) => p.product_id),
    );
    expect(products.every((p) => p.price >= 9.99 && p.price <= 299.99)).toBe(true);
    expect(
      inventory.every(
        (i) => i.quantity >= 0 && i.quantity <= 500 && i.last_updated === '2024-01-17T08:00:00Z',
      ),
    ).toBe(true);
  });
});

describe('pageOf', () => {
  it.each([
    { total: 350, page: 4, size: 100, count: 50, pages: 4, next: false },
    { total: 350, page: 3, size: 100, count: 100, pages: 4, next: true },
    { total: 0, page: 1, size: 100, count: 0, pages: 0, next: false },
    { total: 10, page: 5, size: 100, count: 0, pages: 1, next: false },
  ])('page $page of $total items by $size', ({ total, page, size, count, pages, next }) => {
    const result = pageOf(
      Array.from({ length: total }, (_, i) => i),
      page,
      size,
    );
    expect(result.data).toHaveLength(count);
    expect(result.pagination).toEqual({
      current_page: page,
      page_size: size,
      total_items: total,
      total_pages: pages,
      has_next: next,
    });
  });
});

describe('MockSupplierApi', () => {
  const clock = () => new FakeClock('2024-01-17T10:00:00Z');

  it.each([
    { name: 'no key', path: '/v1/products', key: undefined, status: 401 },
    { name: 'a wrong key', path: '/v1/products', key: 'wrong', status: 401 },
    { name: 'an unknown endpoint', path: '/v1/orders', key: API_KEY, status: 404 },
    { name: 'a bad page', path: '/v1/products?page=0', key: API_KEY, status: 400 },
    { name: 'a huge page_size', path: '/v1/products?page_size=5000', key: API_KEY, status: 400 },
    { name: 'a good request', path: '/v1/inventory?page=2&page_size=10', key: API_KEY, status: 200 },
  ])('answers $status to $name', async ({ path, key, status }) => {
    expect((await makeMock(clock()).handle('GET', path, key)).status).toBe(status);
  });

  it('answers 429 with a Retry-After header beyond its own per-minute limit', async () => {
    const c = clock();
    const api = makeMock(c, { requestsPerMinute: 2 });
    await api.handle('GET', '/v1/products', API_KEY);
    c.advance(10_000);
    await api.handle('GET', '/v1/products', API_KEY);
    const limited = await api.handle('GET', '/v1/products', API_KEY);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('50');
    c.advance(50_000);
    expect((await api.handle('GET', '/v1/products', API_KEY)).status).toBe(429);
    c.advance(60_000);
    expect((await api.handle('GET', '/v1/products', API_KEY)).status).toBe(200);
  });

  it('injects the spec fault rates from the seed, with retry_after 5 in a simulated 429 body', async () => {
    const api = makeMock(clock(), { requestsPerMinute: 1e9, faults: SPEC_FAULT_RATES, seed: 9 });
    const answers: MockResponse[] = [];
    for (let i = 0; i < 4000; i++) answers.push(await api.handle('GET', '/v1/products', API_KEY));
    const share = (status: number) => answers.filter((a) => a.status === status).length / answers.length;
    expect(share(429)).toBeCloseTo(0.1, 1);
    expect(share(500)).toBeCloseTo(0.05, 1);
    expect(share(408)).toBeCloseTo(0.03, 1);
    expect(answers.find((a) => a.status === 429)?.body).toEqual({
      status: 429,
      error: 'Rate limit exceeded',
      retry_after: 5,
    });
  });

  it('serves the same answers for the same seed', async () => {
    const run = async () => {
      const api = makeMock(clock(), { requestsPerMinute: 1e9, faults: SPEC_FAULT_RATES, seed: 5 });
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) statuses.push((await api.handle('GET', '/v1/products', API_KEY)).status);
      return statuses;
    };
    expect(await run()).toEqual(await run());
  });
});
