// Test fixture: a finding between ERP and CRM with whichever parts a test sets.

import type { Finding } from '../../../src/reconcile/model.js';

/** A missing-record finding for TXN001 (ERP vs CRM) with `parts` overriding. */
export function finding(parts: Partial<Finding>): Finding {
  return {
    type: 'missing_record',
    comparison: 'ERP vs CRM',
    source: 'erp',
    target: 'crm',
    key: 'TXN001',
    status: 'completed',
    field: null,
    sourceValues: null,
    targetValues: null,
    note: null,
    others: 'none',
    ...parts,
  };
}
