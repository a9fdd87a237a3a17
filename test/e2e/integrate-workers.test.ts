import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCustomers } from '../../bench/integrate/generate.js';
import { FakeClock } from '../../src/core/clock.js';
import { defaultIntegrateConfig } from '../../src/integrate/config.js';
import { runIntegration } from '../../src/integrate/integrate.js';
import { runCli } from './harness.js';

const NOW = '2024-01-17T10:30:00Z';

/** Extra rows that exercise rejects, unusable values and non-ASCII names on the large-input path. */
const CRM_EXTRA = [
  'CRMX1,ÉMILE  zola,EMILE@X.IO,+44 20 7946 0958,15 Jan 2023,Active',
  ',No Id,noid@x.io,5559999,2023-01-02,active',
  'CRMX2,too,many,fields,here,x,y',
  'CRMX3,123,not-an-email,ext,01/02/2023,',
].join('\n');
const ECOM_EXTRA = [
  '{"id":"ECX1","name":{"first":"zoë","last":"o’brien"},"contact":{"email":"emile@x.io"},"registered":"2023-01-15T23:30:00-05:00"}',
  '{"name":"no id"}',
  '42',
  '{"id":7,"name":"Ann  LEE","email":"bad","phone":"12","registered":"yesterday","status":"VIP"}',
  // Read by JSON.parse (an escape), then by the fast scan (spread over lines, a duplicate member).
  '{\n    "id": "ECX2",\n    "name": {"first": "Jo \\"JJ\\"", "last": "Doe"},\n    "contact": {"phone": null}\n  }',
  '{ "id" : "ECX3", "id": "ECX4", "name": "Dup  Keys", "contact": { "email": null },\n "email": "dup@x.io", "n": -1.5e3 }',
].join(',\n');

/** A quoted CRM field and a member after the customer list: runs that cannot be read on their own. */
const CRM_QUOTED = 'CRMX9,"Quoted, Name",q@x.io,5551234,2023-01-02,active';
const ECOM_AFTER_LIST = ', "exported_by": [{"id": "not a customer"}]';

describe('sluice integrate on inputs large enough for worker threads', () => {
  it.each([
    ['runs of both sources', '', ''],
    ['sources whose last run cannot be read alone', `${CRM_QUOTED}\n`, ECOM_AFTER_LIST],
  ])('writes exactly what the in-thread path writes, reading %s', async (_, crmTail, afterList) => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-integrate-workers-'));
    const crm = join(dir, 'crm_customers.csv');
    const ecom = join(dir, 'ecommerce_customers.json');
    await generateCustomers(crm, ecom, 40_000, 7);
    appendFileSync(crm, `${CRM_EXTRA}\n${crmTail}`);
    const json = readFileSync(ecom, 'utf8');
    writeFileSync(ecom, `${json.slice(0, json.lastIndexOf(']'))},\n${ECOM_EXTRA}\n]${afterList}}\n`);

    const threaded = runCli(['integrate', '--out', 'threads'], dir, { SLUICE_NOW: NOW });
    expect(threaded.stderr).not.toContain('internal error');
    expect(threaded.code).toBe(0);
    await runIntegration({
      crmPath: crm,
      ecommercePath: ecom,
      outDir: join(dir, 'inline'),
      config: defaultIntegrateConfig,
      allowMissingSource: false,
      clock: new FakeClock(NOW),
      workers: false,
    });
    const files = readdirSync(join(dir, 'inline')).sort();
    expect(files).toHaveLength(4);
    for (const name of files)
      expect(readFileSync(join(dir, 'threads', name), 'utf8'), name).toBe(
        readFileSync(join(dir, 'inline', name), 'utf8'),
      );
    expect(readFileSync(join(dir, 'inline', 'integration_rejects.csv'), 'utf8').split('\n')).toHaveLength(6);
  });

  it('exits 2 with file, line and column when the JSON read on a worker thread is malformed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-integrate-workers-'));
    const ecom = join(dir, 'ecommerce_customers.json');
    await generateCustomers(join(dir, 'crm_customers.csv'), ecom, 50_000, 7);
    const json = readFileSync(ecom, 'utf8');
    writeFileSync(ecom, `${json.slice(0, json.lastIndexOf(']'))},\n{"id": "EC1",}\n]}\n`);
    const badLine = json.slice(0, json.lastIndexOf(']')).split('\n').length + 1;
    const result = runCli(['integrate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`malformed JSON in .*ecommerce_customers\\.json:${badLine}:\\d+`),
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
