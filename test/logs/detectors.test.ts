import { describe, expect, it } from 'vitest';
import { defaultLogsConfig } from '../../src/logs/config.js';
import { logsConfigSchema } from '../../src/logs/config-schema.js';
import {
  detectAgents,
  detectBursts,
  detectEndpointErrors,
  detectSuspiciousPaths,
} from '../../src/logs/detectors.js';
import { detectAnomalies } from '../../src/logs/job.js';
import { dayFrom, logLine, repeat } from './cases/lines.js';

const config = defaultLogsConfig();

describe('burst detector (more than N requests from one IP in one minute)', () => {
  it('ignores exactly the threshold', () => {
    expect(detectBursts(dayFrom(repeat(100, { ip: '10.1.1.1', at: '10:00:05' })), config)).toEqual([]);
  });

  it('flags one more than the threshold as high, with rule and evidence', () => {
    const lines = [logLine({ ip: '10.2.2.2' }), ...repeat(101, { ip: '10.1.1.1', at: '10:00:05' })];
    const [finding] = detectBursts(dayFrom(lines), config);
    expect(finding).toMatchObject({
      severity: 'high',
      details: {
        source_ip: '10.1.1.1',
        peak_requests_per_minute: 101,
        peak_minute: '10:00',
        burst_minutes: 1,
        threshold: 100,
      },
      rule: { detector: 'burst.requests_per_ip_per_minute', threshold: 100 },
      evidence: { count: 101, first_lines: [2] },
    });
  });

  it('is critical at five times the threshold and honours a configured threshold', () => {
    const custom = logsConfigSchema.parse({ thresholds: { requests_per_ip_per_minute: 10 } });
    expect(
      detectBursts(dayFrom(repeat(50, { ip: '10.1.1.1', at: '10:00:05' }), custom), custom)[0].severity,
    ).toBe('critical');
  });

  it('does not add up requests from different minutes', () => {
    const lines = [
      ...repeat(60, { ip: '10.1.1.1', at: '10:00:59' }),
      ...repeat(60, { ip: '10.1.1.1', at: '10:01:00' }),
    ];
    expect(detectBursts(dayFrom(lines), config)).toEqual([]);
  });
});

describe('endpoint error-rate detector', () => {
  const endpointDay = (requests: number, errors: number, status = 401) =>
    dayFrom([
      ...repeat(requests - errors, { path: '/api/cart' }),
      ...repeat(errors, { path: '/api/cart', status }),
    ]);

  it('flags more than 10% errors with the primary error named', () => {
    const [finding] = detectEndpointErrors(endpointDay(100, 16), config);
    expect(finding).toMatchObject({
      severity: 'high',
      details: {
        endpoint: 'GET /api/cart',
        error_rate: 16,
        threshold: 10,
        primary_error: '401 Unauthorized',
      },
      recommended_action: 'Investigate authentication flow',
    });
    expect(finding.evidence.first_lines).toEqual([85, 86, 87, 88, 89]);
  });

  it.each([
    ['exactly 10%', 100, 10],
    ['below the minimum request count', 19, 10],
  ])('ignores %s', (_name, requests, errors) => {
    expect(detectEndpointErrors(endpointDay(requests, errors), config)).toEqual([]);
  });

  it('is critical from 50% and suggests server-side work for 5xx', () => {
    expect(detectEndpointErrors(endpointDay(20, 10, 503), config)[0]).toMatchObject({
      severity: 'critical',
      recommended_action: 'Investigate server errors in the application logs',
    });
  });
});

describe('suspicious-path detector', () => {
  it('reports one anomaly per IP and category with the first lines and times', () => {
    const lines = [
      logLine(),
      logLine({ ip: '10.0.0.51', path: '/api/../../etc/passwd', status: 400, at: '08:15:31' }),
      logLine({ ip: '10.0.0.51', path: '/a/%252e%252e%252fetc', status: 404, at: '08:20:45' }),
    ];
    expect(detectSuspiciousPaths(dayFrom(lines), config)).toEqual([
      expect.objectContaining({
        severity: 'critical',
        description: 'Path traversal attack detected',
        details: {
          source_ip: '10.0.0.51',
          pattern: '/api/../../etc/passwd',
          occurrences: 2,
          first_seen: '08:15:31',
          last_seen: '08:20:45',
          answered_2xx: 0,
        },
        evidence: { count: 2, first_lines: [2, 3] },
      }),
    ]);
  });

  it('makes a sensitive-file probe critical when it was answered 2xx', () => {
    expect(
      detectSuspiciousPaths(dayFrom([logLine({ path: '/.env', status: 200 })]), config)[0].severity,
    ).toBe('critical');
    expect(
      detectSuspiciousPaths(dayFrom([logLine({ path: '/.env', status: 404 })]), config)[0].severity,
    ).toBe('high');
  });

  it('counts admin paths only when access was refused', () => {
    expect(detectSuspiciousPaths(dayFrom([logLine({ path: '/admin/users', status: 200 })]), config)).toEqual(
      [],
    );
    expect(
      detectSuspiciousPaths(dayFrom([logLine({ path: '/admin/users', status: 403 })]), config)[0],
    ).toMatchObject({ severity: 'medium', rule: { detector: 'suspicious_path.admin_path' } });
  });

  it('strips control characters from the reported pattern', () => {
    const [finding] = detectSuspiciousPaths(
      dayFrom([logLine({ path: '/.env/\u001b[31mred\u0007' })]),
      config,
    );
    expect(finding.details.pattern).toBe('/.env/red');
  });
});

describe('user-agent detector', () => {
  it.each([
    ['sqlmap/1.7', 'high', 'user_agent.attack_tool'],
    ['curl/7.68.0', 'medium', 'user_agent.script'],
    ['-', 'medium', 'user_agent.empty'],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'low', 'user_agent.bot'],
  ])('%s is %s', (agent, severity, detector) => {
    const [finding] = detectAgents(
      dayFrom([logLine({ agent, path: '/admin/config', status: 403 }), logLine()]),
      config,
    );
    expect(finding).toMatchObject({ severity, rule: { detector }, evidence: { count: 1, first_lines: [1] } });
    expect(finding.details.accessing).toEqual(['/admin/*']);
  });

  it('leaves browsers alone and respects the minimum request count', () => {
    expect(detectAgents(dayFrom([logLine()]), config)).toEqual([]);
    const strict = logsConfigSchema.parse({ thresholds: { user_agent_min_requests: 2 } });
    expect(detectAgents(dayFrom([logLine({ agent: 'curl/8' })]), strict)).toEqual([]);
  });
});

describe('detectAnomalies', () => {
  it('numbers anomalies ANOM001... from the most severe', () => {
    const lines = [logLine({ agent: 'curl/8' }), logLine({ path: '/x?id=1%27%20OR%20%271%27=%271' })];
    const anomalies = detectAnomalies(dayFrom(lines), config);
    expect(anomalies.map((a) => [a.id, a.severity, a.rule.detector])).toEqual([
      ['ANOM001', 'critical', 'suspicious_path.sql_injection'],
      ['ANOM002', 'medium', 'user_agent.script'],
    ]);
  });
});
