import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLogsConfig, LOGS_DEFAULTS, loadLogsConfig } from '../../src/logs/config.js';
import { logsConfigSchema } from '../../src/logs/config-schema.js';
import { offsetMinutes } from '../../src/logs/report-time.js';
import { dayFrom, logLine } from './cases/lines.js';

describe('logs config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-logs-config-'));
  const write = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };

  it('fills every default from an empty file and uses no file at all the same way', async () => {
    expect(await loadLogsConfig(write('empty.json', {}))).toEqual(defaultLogsConfig());
    expect(await loadLogsConfig(undefined, join(dir, 'missing.json'))).toEqual(defaultLogsConfig());
    expect(logsConfigSchema.parse({})).toEqual(LOGS_DEFAULTS);
  });

  it('hands out defaults that a caller may change without changing the next ones', () => {
    const first = defaultLogsConfig();
    first.thresholds.requests_per_ip_per_minute = 1;
    first.admin_path_prefixes.push('/mine');
    expect(defaultLogsConfig()).toEqual(LOGS_DEFAULTS);
  });

  it('fills the keys a file leaves out from the defaults', async () => {
    const config = await loadLogsConfig(write('partial.json', { thresholds: { endpoint_min_requests: 5 } }));
    expect(config).toEqual({ ...LOGS_DEFAULTS, thresholds: { ...LOGS_DEFAULTS.thresholds, endpoint_min_requests: 5 } });
  });

  it.each([
    [{ report_utc_offset: '+1' }, /report_utc_offset: must look like \+00:00/],
    [{ thresholds: { requests_per_ip_per_minute: 0 } }, /thresholds\.requests_per_ip_per_minute/],
    [{ admin_path_prefixes: ['admin'] }, /admin_path_prefixes\[0\]/],
    [{ log_format: '%h %t "%r"' }, /log_format: format .* has no status field/],
  ])('rejects %j naming the key', async (value, message) => {
    await expect(loadLogsConfig(write('bad.json', value))).rejects.toThrow(message);
  });

  it('places requests in hours of the configured offset', () => {
    const config = logsConfigSchema.parse({ report_utc_offset: '+01:00' });
    const day = dayFrom([logLine({ at: '08:15:23' }), logLine({ at: '23:30:00' })], config);
    expect(day.hours[9].requests).toBe(1);
    expect(day.hours[0].requests).toBe(1);
    expect(day.outsideDay).toBe(1);
    expect(offsetMinutes('-05:30')).toBe(-330);
  });
});
