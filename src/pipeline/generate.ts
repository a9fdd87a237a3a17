// Seeded sample inputs for the pipeline: a day of sales orders (with ~2% rows missing a value and a
// few unknown product and customer ids), the product catalog (JSON) and the customer list (CSV).

import { once } from 'node:events';
import { join } from 'node:path';
import { createAtomicWriteStream, writeFileAtomic, writeJsonAtomic } from '../core/files.js';
import { seededRandom } from '../core/seeded-random.js';

/** What to generate. */
export interface GenerateOptions {
  dir: string;
  date: string;
  orders: number;
  seed: number;
  products?: number;
  customers?: number;
}

/** What was generated. */
export interface GeneratedFiles {
  orders: string;
  products: string;
  customers: string;
  /** Rows given an empty value, an unknown product id, an unknown customer id. */
  planted: { nullRows: number; unknownProducts: number; unknownCustomers: number };
}

const CATEGORIES: readonly [string, number, number, number][] = [
  // name, popularity weight, min price, max price
  ['Electronics', 19, 40, 400],
  ['Clothing', 15, 15, 120],
  ['Home & Garden', 12, 20, 300],
  ['Sports', 10, 15, 150],
  ['Books', 8, 8, 45],
  ['Toys', 7, 10, 90],
  ['Beauty', 6, 8, 80],
  ['Grocery', 6, 3, 40],
  ['Automotive', 5, 15, 250],
  ['Health', 5, 6, 70],
  ['Office', 4, 5, 120],
  ['Pet Supplies', 3, 6, 90],
];
const ADJECTIVES = [
  'Classic',
  'Smart',
  'Compact',
  'Deluxe',
  'Eco',
  'Pro',
  'Ultra',
  'Essential',
  'Premium',
  'Everyday',
];
const NOUNS = ['Kit', 'Set', 'Pack', 'Model', 'Edition', 'Bundle', 'Series', 'Line'];
const FIRST = [
  'Ana',
  'Ben',
  'Chloe',
  'Diego',
  'Emma',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jon',
  'Kara',
  'Liam',
  'Mia',
  'Noah',
  'Olga',
  'Priya',
];
const LAST = [
  'Smith',
  'Garcia',
  'Chen',
  'Novak',
  'Okafor',
  'Silva',
  'Muller',
  'Rossi',
  'Kim',
  'Haddad',
  'Berg',
  'Lopez',
];
const REGIONS = ['North', 'South', 'East', 'West'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Write the three input files under `dir/data/input/`. */
export async function generateSampleData(options: GenerateOptions): Promise<GeneratedFiles> {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const input = join(options.dir, 'data', 'input');
  const productCount = options.products ?? 156;
  const customerCount = options.customers ?? 892;

  const totalWeight = CATEGORIES.reduce((sum, category) => sum + category[1], 0);
  const products = Array.from({ length: productCount }, (_, i) => {
    let roll = random() * totalWeight;
    const category = CATEGORIES.find((c) => (roll -= c[1]) < 0) ?? CATEGORIES[0];
    const price = category[2] + random() * (category[3] - category[2]);
    return {
      product_id: `P${pad(i + 1, 4)}`,
      name: `${pick(ADJECTIVES)} ${category[0]} ${pick(NOUNS)}`,
      product_category: category[0],
      price: Math.round(price * 100) / 100,
    };
  });
  const productsPath = join(input, 'products.json');
  writeJsonAtomic(productsPath, products);

  const customerLines = ['customer_id,customer_name,email,region,signup_date'];
  for (let i = 1; i <= customerCount; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const signup = new Date(Date.UTC(2021, 0, 1) + Math.floor(random() * 1000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    customerLines.push(
      `C${pad(i, 5)},${first} ${last},${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com,${pick(REGIONS)},${signup}`,
    );
  }
  const customersPath = join(input, 'customers.csv');
  writeFileAtomic(customersPath, `${customerLines.join('\n')}\n`);

  // Exact counts, so the example's figures are stable: ~1.85% empty values, ~0.3% and ~0.15% unknown ids.
  const planted = {
    nullRows: Math.round(options.orders * 0.0185),
    unknownProducts: Math.round(options.orders * 0.0032),
    unknownCustomers: Math.round(options.orders * 0.0016),
  };
  const special = new Map<number, 'null' | 'product' | 'customer'>();
  const plant = (count: number, kind: 'null' | 'product' | 'customer') => {
    for (let placed = 0; placed < count && special.size < options.orders;) {
      const index = Math.floor(random() * options.orders);
      if (!special.has(index)) {
        special.set(index, kind);
        placed++;
      }
    }
  };
  plant(planted.nullRows, 'null');
  plant(planted.unknownProducts, 'product');
  plant(planted.unknownCustomers, 'customer');

  const ordersPath = join(input, `sales_orders_${options.date}.csv`);
  const out = createAtomicWriteStream(ordersPath);
  try {
    out.stream.write('order_id,order_date,customer_id,product_id,quantity,unit_price\n');
    const compact = options.date.replaceAll('-', '');
    let chunk: string[] = [];
    for (let i = 0; i < options.orders; i++) {
      const product = products[Math.floor(random() * random() * products.length)];
      const seconds = Math.floor(random() * 86_400);
      const time = `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
      const discounted = random() < 0.1 ? Math.round(product.price * 90) / 100 : product.price;
      const fields = [
        `ORD-${compact}-${pad(i + 1, 7)}`,
        `${options.date} ${time}`,
        `C${pad(1 + Math.floor(random() * customerCount), 5)}`,
        product.product_id,
        String(1 + Math.floor(random() * random() * 5)),
        discounted.toFixed(2),
      ];
      const kind = special.get(i);
      if (kind === 'null') fields[2 + Math.floor(random() * 4)] = '';
      else if (kind === 'product') fields[3] = `P9${pad(Math.floor(random() * 1000), 3)}`;
      else if (kind === 'customer') fields[2] = `C9${pad(Math.floor(random() * 10000), 4)}`;
      chunk.push(fields.join(','));
      if (chunk.length === 10_000) {
        if (!out.stream.write(`${chunk.join('\n')}\n`)) await once(out.stream, 'drain');
        chunk = [];
      }
    }
    if (chunk.length > 0) out.stream.write(`${chunk.join('\n')}\n`);
    await out.commit();
  } catch (error) {
    out.abort();
    throw error;
  }
  return { orders: ordersPath, products: productsPath, customers: customersPath, planted };
}
