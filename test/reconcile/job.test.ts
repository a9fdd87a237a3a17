import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, InputError, ProblemsFoundError } from '../../src/core/errors.js';
import { MemoryLogSink } from '../../src/core/log.js';
import { CRM_HEADER, DW_HEADER, ERP_HEADER, run, SPEC_RULES, workspace } from './cases/workspace.js';

const erp = [
  ERP_HEADER,
  'TXN001,CUST100,2024-01-05,PROD001,2,49.99,99.98,completed',
  'TXN002,CUST101,2024-01-06,PROD002,1,29.99,29.99,pending',
];
const crm = [
  CRM_HEADER,
  'TXN001,CUST100,John,2024-01-05,99.98,completed',
  'TXN002,CUST101,Jane,2024-01-06,29.99,pending',
];
const dw = [
  DW_HEADER,
  'F1,TXN001,100,20240105,1,2,99.98,completed',
  'F2,TXN002,101,20240106,2,1,29.99,pending',
];

describe('reconcile', () => {
  it('finds nothing when the three systems agree', async () => {
    const result = await run(workspace({ erp, crm, dw }));
    expect(result.discrepancies).toEqual([]);
    expect(readFileSync(result.outputs.summary, 'utf8')).toContain('Status: RECONCILED ✓');
  });

  it('reports a key appearing twice as its own discrepancy and attributes the doubled amount', async () => {
    const result = await run(
      workspace({ erp, crm: [...crm, 'TXN001,CUST100,John,2024-01-05,99.98,completed'], dw }),
    );
    expect(result.discrepancies.map((d) => [d.type, d.source, d.key])).toEqual([
      ['duplicate_key', 'crm', 'TXN001'],
    ]);
    const monthly = result.findings.aggregates[0].groups[0].others.get('crm');
    expect(monthly?.variance).toBe('99.98');
    expect(monthly?.explained).toEqual({ duplicate: '99.98' });
    expect(monthly?.unexplained).toBe('0');
  });

  it('counts an unparseable amount as an invalid value instead of failing', async () => {
    const result = await run(
      workspace({
        erp: [ERP_HEADER, 'TXN001,CUST100,2024-01-05,PROD001,2,49.99,12x.5,completed', erp[2]],
        crm,
        dw,
      }),
    );
    const invalid = result.discrepancies.filter((d) => d.type === 'invalid_value');
    expect(invalid).toEqual([
      expect.objectContaining({
        source: 'erp',
        key: 'TXN001',
        note: 'total_amount "12x.5" is not a valid decimal',
        severity: 'high',
      }),
    ]);
    expect(result.findings.comparisons[0].counts.fieldInvalid[0]).toBe(1);
    expect(result.discrepancies.filter((d) => d.type === 'amount_mismatch')).toEqual([]);
  });

  it('treats a header-only source as empty: every truth record is missing there', async () => {
    const log = new MemoryLogSink();
    const result = await run(workspace({ erp, crm: [CRM_HEADER], dw }), {}, log);
    expect(result.findings.comparisons[0].counts).toMatchObject({ keys: 2, missing: 2, perfect: 0 });
    expect(log.lines.join('\n')).toMatch(/CRM file .* has no records/);
  });

  it('defines the match rate as perfect matches over distinct keys in either system', async () => {
    const result = await run(
      workspace({ erp, crm: [CRM_HEADER, crm[1], 'TXN003,CUST102,New,2024-01-07,5.00,completed'], dw }),
    );
    const counts = result.findings.comparisons[0].counts;
    expect([counts.perfect, counts.keys]).toEqual([1, 3]);
    const json = JSON.parse(readFileSync(result.outputs.issues, 'utf8'));
    expect(json.comparisons[0].match_rate).toBe(33.33);
  });

  it('reconciles completed orders only when an aggregation has a status filter', async () => {
    const rules = {
      ...SPEC_RULES,
      aggregations: [
        {
          name: 'Completed',
          group_by: null,
          metric: 'total_amount',
          tolerance_percent: 0,
          status_filter: ['completed'],
        },
      ],
    };
    const result = await run(
      workspace({
        erp,
        crm: [CRM_HEADER, crm[1], 'TXN002,CUST101,Jane,2024-01-06,29.99,completed'],
        dw,
        rules,
      }),
    );
    const crmFigures = result.findings.aggregates[0].groups[0].others.get('crm');
    expect(crmFigures).toMatchObject({
      total: '129.97',
      variance: '29.99',
      flagged: true,
      explained: { changed: '29.99' },
      unexplained: '0',
    });
  });

  it('throws ProblemsFoundError for --fail-on after writing every output', async () => {
    const dir = workspace({ erp, crm: [CRM_HEADER, crm[1]], dw });
    await expect(run(dir, { failOn: 'high' })).rejects.toThrowError(ProblemsFoundError);
    expect(readFileSync(join(dir, 'issues', 'discrepancies_202401.json'), 'utf8')).toContain(
      '"missing_record"',
    );
    await expect(run(dir, { failOn: 'critical' })).resolves.toBeDefined();
  });

  it('numbers runs in the audit trail and records inputs, hashes and the outcome', async () => {
    const dir = workspace({ erp, crm, dw });
    await run(dir);
    const second = await run(dir);
    expect(second.runId).toBe('RECON-202401-002');
    const audit = readFileSync(second.outputs.audit, 'utf8');
    expect(audit).toMatch(
      /input crm data\/crm_customer_orders_202401\.csv sha256=[0-9a-f]{64} rows=2 rejected=0/,
    );
    expect(audit).toMatch(/RUN END RECON-202401-002 outcome=RECONCILED/);
  });

  it('never prints control characters from the data in the report', async () => {
    const result = await run(
      workspace({ erp, crm: [...crm, 'TXN9\u001b[2J,CUST1,Evil,2024-01-07,1.00,completed'], dw }),
    );
    const report = readFileSync(result.outputs.summary, 'utf8');
    expect(report).toMatch(/Ghost Record +TXN9 /);
    expect(report.includes('\u001b')).toBe(false);
  });

  it('skips an unreadable earlier discrepancies file with a warning', async () => {
    const dir = workspace({ erp, crm, dw });
    mkdirSync(join(dir, 'issues'));
    writeFileSync(join(dir, 'issues', 'discrepancies_202312.json'), '{ not json');
    const log = new MemoryLogSink();
    const result = await run(dir, {}, log);
    expect(log.lines.join('\n')).toMatch(/ignoring earlier discrepancies file/);
    expect(readFileSync(result.outputs.summary, 'utf8')).not.toContain('TREND');
  });
});

describe('reconcile with bad input', () => {
  it('names a missing column and lists the columns present', async () => {
    const dir = workspace({
      erp,
      crm: [CRM_HEADER.replace('total_value', 'value'), 'TXN001,CUST100,John,2024-01-05,99.98,completed'],
      dw,
    });
    const error = await run(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).toLine()).toMatch(
      /CRM file .* has no column "total_value" .*\(columns present: transaction_id, customer_id, customer_name, order_date, value, order_status\)$/,
    );
  });

  it('rejects an empty (zero-byte) file', async () => {
    await expect(run(workspace({ erp, crm: [], dw }))).rejects.toThrowError(/CRM file .* is empty/);
  });

  it('names a comparison with an unknown source and suggests the closest', async () => {
    const rules = { ...SPEC_RULES, comparisons: [{ ...SPEC_RULES.comparisons[0], target: 'crn' }] };
    await expect(run(workspace({ erp, crm, dw, rules }))).rejects.toThrowError(
      /unknown source "crn" \(did you mean "crm"\?\)/,
    );
  });

  it('rejects a misspelt rules key with its JSON path', async () => {
    const rules = {
      ...SPEC_RULES,
      aggregations: [{ name: 'x', group_by: null, metric: 'total_amount', tolerance_precent: 1 }],
    };
    await expect(run(workspace({ erp, crm, dw, rules }))).rejects.toThrowError(ConfigError);
    await expect(run(workspace({ erp, crm, dw, rules }))).rejects.toThrowError(
      /aggregations\[0\]\.tolerance_precent" \(did you mean "tolerance_percent"\?\)/,
    );
  });

  it('rejects a tolerance on a text field', async () => {
    const rules = {
      ...SPEC_RULES,
      comparisons: [
        {
          ...SPEC_RULES.comparisons[0],
          compare_fields: [{ source: 'status', target: 'order_status', tolerance: 1 }],
        },
      ],
    };
    await expect(run(workspace({ erp, crm, dw, rules }))).rejects.toThrowError(
      /tolerance given for text column erp\.status/,
    );
  });

  it('records a failed run in the audit trail', async () => {
    const dir = workspace({ erp, crm: [], dw });
    await expect(run(dir)).rejects.toThrowError(InputError);
    expect(readFileSync(join(dir, 'audit', 'reconciliation_audit_202401.log'), 'utf8')).toMatch(
      /ERROR - RUN FAILED RECON-202401-001: CRM file/,
    );
  });
  it('counts every detail row in the audit trail', async () => {
    const dir = workspace({ erp, crm, dw });
    const result = await run(dir);
    const lines = readFileSync(result.outputs.detail, 'utf8').trim().split('\n');
    expect(result.findings.detailRows).toBe(lines.length - 1);
    expect(readFileSync(result.outputs.audit, 'utf8')).toContain(`detail rows=${lines.length - 1}`);
  });

  it('writes neither the JSON nor the report when the detail CSV cannot be written', async () => {
    const dir = workspace({ erp, crm, dw });
    // A folder where the detail CSV should go makes the final rename fail.
    mkdirSync(join(dir, 'reports', 'reconciliation_detail_202401.csv', 'blocker'), { recursive: true });
    await expect(run(dir)).rejects.toThrow(/reconciliation_detail_202401\.csv/);
    expect(existsSync(join(dir, 'issues', 'discrepancies_202401.json'))).toBe(false);
    expect(existsSync(join(dir, 'reports', 'reconciliation_summary_202401.txt'))).toBe(false);
  });
});
