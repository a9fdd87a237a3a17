import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageOf } from '../../src/collect/mock/supplier-api.js';
import { JobError } from '../../src/core/errors.js';
import {
  apiConfig,
  API_KEY,
  collectFailing,
  collectWith,
  FakeClock,
  makeMock,
  makeWorkspace,
  START,
} from './helpers.js';

/** A fetch serving fixed record lists per endpoint, with an optional page rewriter. */
function fixedApi(
  data: { products: unknown[]; inventory: unknown[] },
  rewrite?: (page: ReturnType<typeof pageOf<unknown>>, endpoint: string) => unknown,
) {
  const impl: typeof fetch = async (input) => {
    const url = new URL(String(input));
    const endpoint = url.pathname.endsWith('/products') ? 'products' : 'inventory';
    const page = pageOf(
      data[endpoint],
      Number(url.searchParams.get('page')),
      Number(url.searchParams.get('page_size')),
    );
    return Response.json(rewrite ? rewrite(page, endpoint) : page);
  };
  return impl;
}

const product = (n: number) => ({
  product_id: `PROD${String(n).padStart(4, '0')}`,
  name: `Product ${n}`,
  category: 'Home',
  price: 10,
  active: true,
});
const stock = (n: number) => ({
  product_id: `PROD${String(n).padStart(4, '0')}`,
  warehouse: 'WEST',
  quantity: n,
  last_updated: '2024-01-17T08:00:00Z',
});
const range = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

function readProducts(path: string): { total_records: number; products: Array<{ product_id: string }> } {
  return JSON.parse(readFileSync(path, 'utf8')) as {
    total_records: number;
    products: Array<{ product_id: string }>;
  };
}

describe('pagination', () => {
  it('collects an empty endpoint as one page with no records', async () => {
    const clock = new FakeClock(START);
    const { result, log } = await collectWith(
      makeWorkspace(),
      clock,
      makeMock(clock, { productCount: 0 }).fetch,
    );
    expect(readProducts(result.productsPath)).toMatchObject({ total_records: 0, products: [] });
    expect(readFileSync(result.inventoryPath, 'utf8')).toBe('product_id,warehouse,quantity,last_updated\n');
    expect(log.join('\n')).toContain('Products collection complete: 0 items in 1 pages');
  });

  it('stops after a single page when has_next is false', async () => {
    const clock = new FakeClock(START);
    const mock = makeMock(clock, { productCount: 40 });
    const { result } = await collectWith(makeWorkspace(), clock, mock.fetch);
    expect(result.products).toBe(40);
    expect(mock.requests.map((r) => r.path)).toEqual([
      '/v1/products?page=1&page_size=100',
      '/v1/inventory?page=1&page_size=100',
    ]);
  });

  it('stops at max_pages with a warning that the output is partial', async () => {
    const clock = new FakeClock(START);
    const dir = makeWorkspace(apiConfig({ pagination: { page_size: 100, max_pages: 2 } }));
    const { result, log } = await collectWith(dir, clock, makeMock(clock).fetch);
    expect(result.products).toBe(200);
    expect(log.join('\n')).toContain('WARNING - products: stopped at max_pages (2) of 4 pages');
  });

  it('follows total_pages when has_next disagrees', async () => {
    const clock = new FakeClock(START);
    const api = fixedApi({ products: range(150).map(product), inventory: [] }, (page) => ({
      ...page,
      pagination: { ...page.pagination, has_next: true },
    }));
    const { result, log } = await collectWith(makeWorkspace(), clock, api);
    expect(result.products).toBe(150);
    expect(log.join('\n')).toContain('has_next is true on page 2 but total_pages is 2');
  });

  it('refuses a page that repeats the previous one', async () => {
    const clock = new FakeClock(START);
    const api = fixedApi({ products: range(300).map(product), inventory: [] }, (page) => ({
      ...page,
      data: range(100).map(product),
    }));
    const { error } = await collectFailing(makeWorkspace(), clock, api);
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).message).toBe(
      'GET /products?page=2&page_size=100 returned the same records as page 1',
    );
  });

  it('refuses an answer for another page than the one asked for', async () => {
    const clock = new FakeClock(START);
    const api = fixedApi({ products: range(300).map(product), inventory: [] }, (page) => ({
      ...page,
      pagination: { ...page.pagination, current_page: 1 },
    }));
    const { error } = await collectFailing(makeWorkspace(), clock, api);
    expect((error as JobError).message).toMatch(/page=2.* returned page 1 instead of page 2/);
  });

  it('fails with the JSON path when a page has the wrong shape', async () => {
    const clock = new FakeClock(START);
    const { error } = await collectFailing(makeWorkspace(), clock, async () =>
      Response.json({ data: [], pagination: { current_page: 1 } }),
    );
    expect((error as JobError).message).toMatch(/unexpected page: pagination\.page_size/);
  });

  it('drops records whose product_id was already collected, with a warning', async () => {
    const clock = new FakeClock(START);
    const products = [
      ...range(100).map(product),
      product(5),
      product(7),
      ...range(20).map((n) => product(n + 100)),
    ];
    const { result, log } = await collectWith(
      makeWorkspace(),
      clock,
      fixedApi({ products, inventory: [stock(1), stock(1)] }),
    );
    expect(readProducts(result.productsPath).products.map((p) => p.product_id)).toEqual(
      range(120).map((n) => product(n).product_id),
    );
    expect(log.join('\n')).toContain(
      'WARNING - products page 2: skipped 2 record(s) whose product_id was already collected (PROD0005, PROD0007)',
    );
    expect(log.join('\n')).toContain('Duplicates skipped: 3');
    expect(result.inventory).toBe(1);
  });

  it('keeps records it cannot use in a rejects file with page, position and reason', async () => {
    const clock = new FakeClock(START);
    const products = [product(1), { name: 'no id' }, { ...product(3), price: 'free' }];
    const { result, log } = await collectWith(makeWorkspace(), clock, fixedApi({ products, inventory: [] }));
    expect(result.products).toBe(1);
    expect(
      readFileSync(result.rejectsPath ?? '', 'utf8')
        .split('\n')
        .slice(0, 3),
    ).toEqual([
      'endpoint,page,index,reason,record',
      'products,1,1,"product_id: Invalid input: expected string, received undefined","{""name"":""no id""}"',
      expect.stringMatching(/^products,1,2,"price: Invalid input: expected number, received string",/),
    ]);
    expect(log.join('\n')).toContain('Rejected: 2 records saved to rejects_2024-01-17.csv');
  });

  it('writes the key nowhere in the workspace', async () => {
    const clock = new FakeClock(START);
    const dir = makeWorkspace(apiConfig({ auth: {} }));
    await collectWith(dir, clock, makeMock(clock).fetch, { env: { SLUICE_API_KEY: API_KEY } });
    expect(readFileSync(join(dir, 'logs', 'api_collector.log'), 'utf8')).not.toContain(API_KEY);
  });
});
