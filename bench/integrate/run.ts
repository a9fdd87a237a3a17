// Integration benchmark: 1,000,000 customers (half CSV, half JSON) through `sluice integrate`.
// Usage: node dist/bench/integrate/run.js [--records N] [--runs R]

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchmark, measureCli } from '../common/measure.js';
import { generateCustomers } from './generate.js';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } },
});
const records = Number(values.records);
const dir = join(process.cwd(), 'bench', '.data', `integrate-${records}`);
mkdirSync(dir, { recursive: true });
const crm = join(dir, 'crm_customers.csv');
const ecom = join(dir, 'ecommerce_customers.json');
if (!existsSync(ecom)) {
  console.log(`generating ${records.toLocaleString('en-US')} records in ${dir} ...`);
  await generateCustomers(crm, ecom, Math.floor(records / 2));
}
benchmark(`integrate ${records.toLocaleString('en-US')} records`, Number(values.runs), records, () =>
  measureCli(['integrate', '--crm', crm, '--ecommerce', ecom, '--out', join(dir, 'out')], dir),
);
