import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './harness.js';

describe('sluice demo', () => {
  it('copies the examples to a fresh folder, runs every job there and can run again over its own output', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'demo-')), 'demo-output');
    for (let run = 0; run < 2; run++) {
      const result = runCli(['demo', '--out', out], tmpdir());
      expect(result.stderr).not.toContain('internal error');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`All outputs are under ${out}`);
    }
    expect(existsSync(join(out, 'integrate', 'customer_master.csv'))).toBe(true);
  });

  it('refuses to clear a folder it did not create', () => {
    const out = mkdtempSync(join(tmpdir(), 'demo-'));
    runCli(['integrate', '--allow-missing-source', '--out', out], out);
    const result = runCli(['demo', '--out', out], tmpdir());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/exists and is not a previous demo/);
  });
});
