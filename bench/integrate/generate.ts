// Synthetic CRM + e-commerce exports for the integration benchmark: unique people, ~15% of e-commerce
// records copying a CRM customer (in other formats), ~3% in-source duplicates and some missing values.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { randomChoice, randomInt, seededRandom } from '../../src/core/seeded-random.js';
import type { Random } from '../../src/core/seeded-random.js';

const FIRST = [
  'John',
  'Jane',
  'Mary',
  'Bob',
  'Alice',
  'Omar',
  'Li',
  'Sara',
  'Liam',
  'Noah',
  'Emma',
  'Ava',
  'Mia',
  'Zoe',
  'Ian',
  'Eve',
];
const LAST = [
  'Smith',
  'Doe',
  'Johnson',
  "O'Neil",
  'Brown',
  'Wilson',
  'Garcia',
  'Lee',
  'Khan',
  'Novak',
  'Rossi',
  'Silva',
  'Mary-Jane',
];

interface Person {
  first: string;
  last: string;
  email: string;
  phone: string;
  date: string;
}

function person(rng: Random, n: number): Person {
  const first = randomChoice(rng, FIRST);
  const last = randomChoice(rng, LAST);
  return {
    first,
    last: `${last}${n}`,
    email: `${first.toLowerCase()}.${n}@example.com`,
    phone: String(2000000000 + n),
    date: `202${randomInt(rng, 0, 3)}-${String(randomInt(rng, 1, 12)).padStart(2, '0')}-${String(randomInt(rng, 1, 28)).padStart(2, '0')}`,
  };
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** Write `perSource` CRM rows to `crmPath` and `perSource` e-commerce records to `ecomPath`. */
export async function generateCustomers(
  crmPath: string,
  ecomPath: string,
  perSource: number,
  seed = 42,
): Promise<void> {
  const rng = seededRandom(seed);
  const chance = (p: number) => rng() < p;
  const crm: Person[] = [];
  for (let i = 0; i < perSource; i++)
    crm.push(chance(0.03) && i > 0 ? crm[randomInt(rng, 0, i - 1)] : person(rng, i));
  await writeLines(
    crmPath,
    (function* () {
      yield 'customer_id,full_name,email,phone,signup_date,status\n';
      for (let i = 0; i < crm.length; i++) {
        const p = crm[i];
        const phone = chance(0.05)
          ? ''
          : chance(0.5)
            ? `+1-${p.phone.slice(0, 3)}-${p.phone.slice(3)}`
            : `${p.phone.slice(0, 3)}.${p.phone.slice(3)}`;
        const email = chance(0.3) ? p.email.toUpperCase() : p.email;
        yield `CRM${i + 1},${p.first} ${p.last},${email},${phone},${p.date},${chance(0.8) ? 'active' : 'inactive'}\n`;
      }
    })(),
  );
  await writeLines(
    ecomPath,
    (function* () {
      yield '{"customers": [\n';
      let ecom: Person[] = [];
      for (let i = 0; i < perSource; i++) {
        const roll = rng();
        const p =
          roll < 0.15
            ? crm[randomInt(rng, 0, crm.length - 1)]
            : roll < 0.18 && ecom.length > 0
              ? randomChoice(rng, ecom)
              : person(rng, perSource + i);
        if (ecom.length < 10000) ecom.push(p);
        else ecom = [p];
        const record = {
          id: `EC${i + 1}`,
          name: { first: chance(0.2) ? p.first.toLowerCase() : p.first, last: p.last },
          contact: { email: p.email, phone: chance(0.05) ? null : p.phone },
          registered: `${p.date}T${String(randomInt(rng, 0, 23)).padStart(2, '0')}:15:00Z`,
          orders_count: randomInt(rng, 0, 40),
        };
        yield `${i > 0 ? ',\n' : ''}${JSON.stringify(record)}`;
      }
      yield '\n]}\n';
    })(),
  );
}
