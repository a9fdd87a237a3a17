// Reading the system comparison table out of a reconciliation summary report.

import { describe, expect, it } from 'vitest';
import { parseSystemComparison } from '../../../src/dashboard/readers/report-table.js';

const REPORT = `╚════╝

SYSTEM COMPARISON SUMMARY
━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

                        ERP (Source)    CRM             Data Warehouse
────────────────────────────────────────────────────────────────────
Total Records           10              9               9
Total Amount            $829.78         $679.82         $799.81

RECONCILIATION RESULTS BY COMPARISON
Match Rate: 63.6%  (7/11)
`;

describe('parseSystemComparison', () => {
  it('reads the systems and their figures by row label', () => {
    expect(parseSystemComparison(REPORT)).toEqual([
      { system: 'ERP (Source)', figures: { 'Total Records': '10', 'Total Amount': '$829.78' } },
      { system: 'CRM', figures: { 'Total Records': '9', 'Total Amount': '$679.82' } },
      { system: 'Data Warehouse', figures: { 'Total Records': '9', 'Total Amount': '$799.81' } },
    ]);
  });

  it.each([
    ['no such section', 'RECONCILIATION RESULTS\n'],
    ['a row with a missing value', REPORT.replace('$679.82         ', '')],
    ['a header but no rows', 'SYSTEM COMPARISON SUMMARY\n\n   ERP    CRM\n\n'],
    ['an empty file', ''],
  ])('gives null for %s', (_, text) => {
    expect(parseSystemComparison(text)).toBeNull();
  });
});
