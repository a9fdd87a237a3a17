import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, expectGolden, runCli } from './harness.js';

describe('sluice integrate on examples/integrate', () => {
  it('writes the master, duplicate report, rejects and log exactly as the golden files', () => {
    const dir = copyExample('integrate');
    const result = runCli(['integrate'], dir, { SLUICE_NOW: '2024-01-15T10:30:00Z' });
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    expectGolden('integrate', dir, 'integrate');
  });
});

describe('sluice integrate on bad input', () => {
  it('exits 2 naming a missing source file', () => {
    const dir = copyExample('integrate');
    rmSync(join(dir, 'ecommerce_customers.json'));
    const result = runCli(['integrate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/e-commerce export not found: .*ecommerce_customers\.json/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs on the remaining source with --allow-missing-source and logs an ERROR', () => {
    const dir = copyExample('integrate');
    rmSync(join(dir, 'ecommerce_customers.json'));
    const result = runCli(['integrate', '--allow-missing-source'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/ERROR - Source file not found: .*ecommerce_customers\.json/);
    expect(result.stderr).toContain('Final unique customers: 4');
  });

  it('exits 2 with file, line and column for malformed JSON', () => {
    const dir = copyExample('integrate');
    writeFileSync(join(dir, 'ecommerce_customers.json'), '{\n  "customers": [\n    {"id": "EC1",}\n  ]\n}\n');
    const result = runCli(['integrate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/malformed JSON in .*ecommerce_customers\.json:3:\d+/);
  });

  it('exits 2 naming a missing CSV column and listing those present', () => {
    const dir = copyExample('integrate');
    writeFileSync(
      join(dir, 'crm_customers.csv'),
      'customer_id,full_name,email,signup_date,status\nCRM1,A B,a@b.co,2023-01-01,active\n',
    );
    const result = runCli(['integrate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /missing column phone \(columns present: customer_id, full_name, email, signup_date, status\)/,
    );
  });

  it('exits 2 naming a misspelt config key with the closest valid one', () => {
    const dir = copyExample('integrate');
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ match: { emial: false } }));
    const result = runCli(['integrate', '--config', 'cfg.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown key "match.emial" (did you mean "email"?)');
  });

  it('keeps rows with the wrong field count or no id in the rejects file and counts them', () => {
    const dir = copyExample('integrate');
    writeFileSync(
      join(dir, 'crm_customers.csv'),
      'customer_id,full_name,email,phone,signup_date,status\nCRM1,Ann Lee,ann@x.io,5551234,2023-01-01,active\nCRM2,too,many,fields,here,x,y\n,No Id,noid@x.io,5559999,2023-01-02,active\n',
    );
    const result = runCli(['integrate'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Rejected 2 unusable records');
    const text = readFileSync(join(dir, 'integration_rejects.csv'), 'utf8');
    expect(text).toContain('crm_customers.csv,line 3,"expected 6 fields, found 7"');
    expect(text).toContain('crm_customers.csv,line 4,missing customer_id');
  });
});
