import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/seeded-random.js';
import { generateSampleData } from '../../src/pipeline/generate.js';

const workspace = () => mkdtempSync(join(tmpdir(), 'sluice-gen-'));

describe('generate', () => {
  it('is deterministic for a seed', async () => {
    const [a, b] = [workspace(), workspace()];
    const first = await generateSampleData({ dir: a, date: '2024-01-17', orders: 300, seed: 7 });
    const second = await generateSampleData({ dir: b, date: '2024-01-17', orders: 300, seed: 7 });
    for (const key of ['orders', 'products', 'customers'] as const)
      expect(readFileSync(first[key], 'utf8')).toBe(readFileSync(second[key], 'utf8'));
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });

  it('plants ~2% empty values and a few unknown product and customer ids', async () => {
    const dir = workspace();
    const files = await generateSampleData({ dir, date: '2024-01-17', orders: 1247, seed: 42 });
    expect(files.planted).toEqual({ nullRows: 23, unknownProducts: 4, unknownCustomers: 2 });
    const lines = readFileSync(files.orders, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('order_id,order_date,customer_id,product_id,quantity,unit_price');
    expect(lines).toHaveLength(1248);
    expect(lines.filter((line) => line.split(',').some((cell) => cell === ''))).toHaveLength(23);
    expect(lines.filter((line) => /,P9\d{3},/.test(line))).toHaveLength(4);
    const products = JSON.parse(readFileSync(files.products, 'utf8')) as object[];
    expect(products).toHaveLength(156);
    expect(Object.keys(products[0])).toEqual(['product_id', 'name', 'product_category', 'price']);
    expect(readFileSync(files.customers, 'utf8').trim().split('\n')).toHaveLength(893);
  });
});
