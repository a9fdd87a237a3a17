// Benchmark data for the quality job: N orders in the spec's columns with about 5% violations per rule,
// written by DuckDB. Deterministic for a seed (hash-based, so the same at any thread count). Not a test fixture.

import { Engine } from '../../src/core/engine.js';

/** Write `rows` orders to `path`; each of the spec's six rules fails on about 5% of them. */
export async function generateOrders(path: string, rows: number, seed = 42): Promise<void> {
  const engine = await Engine.create();
  // pick(k) is a deterministic value in 0..99 per row and purpose k; < 5 means "make this rule fail".
  const pick = (k: number) => `hash(i, ${seed}, ${k}) % 100`;
  try {
    await engine.run(
      `COPY (SELECT
         'ORD' || lpad(i::VARCHAR, 9, '0') AS order_id,
         CASE WHEN ${pick(1)} < 5 THEN NULL ELSE 'C' || (hash(i, ${seed}, 2) % 100000)::VARCHAR END AS customer_id,
         CASE WHEN ${pick(3)} < 5 THEN '2024-01-32' ELSE '2024-01-17' END AS order_date,
         CASE WHEN ${pick(4)} < 5 THEN NULL ELSE 'P' || lpad((hash(i, ${seed}, 5) % 1000)::VARCHAR, 3, '0') END AS product_id,
         CASE WHEN ${pick(6)} < 5 THEN 0 ELSE 1 + hash(i, ${seed}, 7) % 10 END AS quantity,
         (1 + hash(i, ${seed}, 8) % 9900) / 100.0 AS unit_price,
         round(quantity * unit_price, 2) + CASE WHEN ${pick(9)} < 5 THEN 1 ELSE 0 END AS total,
         CASE WHEN ${pick(10)} < 5 THEN 'unknown' WHEN ${pick(11)} < 30 THEN 'pending' ELSE 'completed' END AS status
       FROM range(${Math.floor(rows)}) t(i)) TO $1 (HEADER, DELIMITER ',')`,
      [path],
    );
  } finally {
    engine.close();
  }
}
