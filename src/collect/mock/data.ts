// The simulated supplier's catalogue, generated from a seed as the spec's mock_api.py does:
// products PROD0001..., 75% active, and one inventory row per active product. No HTTP here.

import { type Random, randomChoice, randomInt, seededRandom } from '../../core/seeded-random.js';

/** A product as the supplier API returns it. */
export interface MockProduct {
  product_id: string;
  name: string;
  category: string;
  price: number;
  active: boolean;
}

/** An inventory row as the supplier API returns it. */
export interface MockInventoryItem {
  product_id: string;
  warehouse: string;
  quantity: number;
  last_updated: string;
}

/** The whole catalogue the simulator serves. */
export interface MockCatalogue {
  products: MockProduct[];
  inventory: MockInventoryItem[];
}

const CATEGORIES = ['Electronics', 'Clothing', 'Home', 'Sports', 'Books'];
const WAREHOUSES = ['WEST', 'EAST', 'CENTRAL'];

function productId(index: number): string {
  return `PROD${String(index).padStart(4, '0')}`;
}

function generateProducts(random: Random, count: number): MockProduct[] {
  const products: MockProduct[] = [];
  for (let i = 1; i <= count; i++) {
    products.push({
      product_id: productId(i),
      name: `Product ${i}`,
      category: randomChoice(random, CATEGORIES),
      price: Math.round((9.99 + random() * (299.99 - 9.99)) * 100) / 100,
      active: random() < 0.75,
    });
  }
  return products;
}

/**
 * Generate `count` products and the inventory of the active ones from `seed`.
 * @param lastUpdated the `last_updated` stamp every inventory row carries
 */
export function generateCatalogue(seed: number, count: number, lastUpdated: string): MockCatalogue {
  const random = seededRandom(seed);
  const products = generateProducts(random, count);
  const inventory = products
    .filter((product) => product.active)
    .map((product) => ({
      product_id: product.product_id,
      warehouse: randomChoice(random, WAREHOUSES),
      quantity: randomInt(random, 0, 500),
      last_updated: lastUpdated,
    }));
  return { products, inventory };
}
