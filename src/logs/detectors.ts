// The four anomaly detectors: suspicious paths, per-IP bursts, endpoint error rates and non-browser
// user agents. Each states its rule, threshold and evidence; ordering and ids are anomaly.ts's.

import { STATUS_CODES } from 'node:http';
import { safeText } from '../core/text.js';
import type { Anomaly, Severity } from './anomaly.js';
import type { LogsConfig } from './config.js';
import type { DayMetrics, IpMinuteBurst } from './merge.js';
import type { AgentTally, PathFindingTally } from './partial.js';
import { compareText } from './order.js';
import { minuteOfDayText, offsetMinutes, timeOfDay } from './report-time.js';

/** An anomaly before it gets its id. */
export type Finding = Omit<Anomaly, 'id'>;

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

interface PathRule {
  description: string;
  severity: (finding: PathFindingTally) => Severity;
  action: string;
  recommendation: (ip: string) => string;
}

const PATH_RULES: Record<string, PathRule> = {
  path_traversal: {
    description: 'Path traversal attack detected',
    severity: () => 'critical',
    action: 'Block IP immediately',
    recommendation: (ip) => `Block IP ${ip} - path traversal attempts`,
  },
  sql_injection: {
    description: 'SQL injection attempt detected',
    severity: () => 'critical',
    action: 'Block IP immediately and review query parameterization',
    recommendation: (ip) => `Block IP ${ip} - SQL injection attempts`,
  },
  xss: {
    description: 'Cross-site scripting attempt detected',
    severity: () => 'high',
    action: 'Block IP and check output encoding',
    recommendation: (ip) => `Block IP ${ip} - cross-site scripting attempts`,
  },
  sensitive_file: {
    description: 'Sensitive file probe detected',
    severity: (f) => (f.succeeded > 0 ? 'critical' : 'high'),
    action: 'Block IP and confirm the files are not served',
    recommendation: (ip) => `Block IP ${ip} - probing for sensitive files`,
  },
  admin_path: {
    description: 'Admin area probing detected',
    severity: (f) => (f.count >= 10 && f.errors * 2 >= f.count ? 'high' : 'medium'),
    action: 'Restrict admin paths to trusted networks',
    recommendation: (ip) => `Review admin access attempts from IP ${ip}`,
  },
};

/** Suspicious paths: one anomaly per (category, IP). Admin paths count only when access was refused. */
export function detectSuspiciousPaths(day: DayMetrics, config: LogsConfig): Finding[] {
  const offset = offsetMinutes(config.report_utc_offset);
  return day.findings
    .filter((f) => f.category !== 'admin_path' || f.errors > 0)
    .map((f) => {
      const rule = PATH_RULES[f.category];
      return {
        type: 'security',
        severity: rule.severity(f),
        description: rule.description,
        details: {
          source_ip: f.ip,
          pattern: safeText(f.sample, 200),
          occurrences: f.count,
          first_seen: timeOfDay(f.firstSeen, offset),
          last_seen: timeOfDay(f.lastSeen, offset),
          answered_2xx: f.succeeded,
        },
        recommended_action: rule.action,
        rule: {
          detector: `suspicious_path.${f.category}`,
          threshold: 1,
          condition:
            f.category === 'admin_path'
              ? 'at least 1 refused (4xx/5xx) admin request'
              : 'at least 1 matching request after CRS-style decoding',
        },
        evidence: { count: f.count, first_lines: f.firstLines },
        recommendation: rule.recommendation(f.ip),
      };
    });
}

/** Bursts: one anomaly per IP with any minute above the threshold; critical at five times it. */
export function detectBursts(day: DayMetrics, config: LogsConfig): Finding[] {
  const threshold = config.thresholds.requests_per_ip_per_minute;
  const byIp = new Map<string, IpMinuteBurst[]>();
  for (const burst of day.bursts) byIp.set(burst.ip, [...(byIp.get(burst.ip) ?? []), burst]);
  return [...byIp.entries()].map(([ip, minutes]) => {
    const peak = minutes.reduce((a, b) => (b.count > a.count ? b : a));
    const total = minutes.reduce((sum, m) => sum + m.count, 0);
    const ordered = [...minutes].sort((a, b) => a.minute - b.minute);
    return {
      type: 'traffic',
      severity: peak.count >= threshold * 5 ? 'critical' : 'high',
      description: 'Request burst from a single IP',
      details: {
        source_ip: ip,
        peak_requests_per_minute: peak.count,
        peak_minute: minuteOfDayText(peak.minute),
        burst_minutes: minutes.length,
        first_seen: minuteOfDayText(ordered[0].minute),
        last_seen: minuteOfDayText(ordered[ordered.length - 1].minute),
        threshold,
      },
      recommended_action: 'Rate-limit or block the IP',
      rule: {
        detector: 'burst.requests_per_ip_per_minute',
        threshold,
        condition: `more than ${threshold} requests from one IP in one minute`,
      },
      evidence: { count: total, first_lines: ordered.slice(0, 5).map((m) => m.firstLine) },
      recommendation: `Rate-limit IP ${ip} - ${peak.count} requests in one minute`,
    };
  });
}

function errorAction(status: number): string {
  if (status === 401 || status === 403) return 'Investigate authentication flow';
  if (status === 404) return 'Check for broken links or removed resources';
  if (status === 429) return 'Review rate limits for this endpoint';
  if (status >= 500) return 'Investigate server errors in the application logs';
  return 'Investigate the failing requests';
}

/** Endpoint error rate above the threshold, for endpoints with enough requests; critical at 50%. */
export function detectEndpointErrors(day: DayMetrics, config: LogsConfig): Finding[] {
  const { endpoint_error_rate_percent: threshold, endpoint_min_requests: minRequests } = config.thresholds;
  const findings: Finding[] = [];
  for (const [endpoint, tally] of day.endpoints) {
    const rate = percent(tally.errors, tally.requests);
    if (tally.requests < minRequests || (tally.errors / tally.requests) * 100 <= threshold) continue;
    const [primary, primaryCount] = Object.entries(tally.statuses)
      .filter(([code]) => Number(code) >= 400)
      .sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))[0];
    const status = Number(primary);
    findings.push({
      type: 'performance',
      severity: rate >= 50 ? 'critical' : 'high',
      description: 'High error rate on endpoint',
      details: {
        endpoint: safeText(endpoint, 120),
        requests: tally.requests,
        errors: tally.errors,
        error_rate: rate,
        threshold,
        primary_error: `${status} ${STATUS_CODES[status] ?? 'Unknown'}`,
        primary_error_count: primaryCount,
      },
      recommended_action: errorAction(status),
      rule: {
        detector: 'endpoint.error_rate',
        threshold,
        condition: `error rate (4xx+5xx) above ${threshold}% with at least ${minRequests} requests`,
      },
      evidence: { count: tally.errors, first_lines: tally.firstErrorLines },
      recommendation: `Investigate ${safeText(endpoint, 80)} ${status} errors - ${errorAction(status).toLowerCase()}`,
    });
  }
  return findings;
}

const AGENT_RULES: Record<string, { severity: Severity; description: string; action: string }> = {
  attack_tool: {
    severity: 'high',
    description: 'Attack tool user agent',
    action: 'Block the IPs using this scanner',
  },
  script: {
    severity: 'medium',
    description: 'Suspicious user agent activity',
    action: 'Review automated access; require API keys or rate-limit scripted clients',
  },
  empty: {
    severity: 'medium',
    description: 'Requests without a user agent',
    action: 'Rate-limit or challenge clients that send no user agent',
  },
  bot: {
    severity: 'low',
    description: 'Bot or crawler activity (isbot)',
    action: 'No action if the bot is expected; otherwise block it or check robots.txt',
  },
};

function topAreas(tally: AgentTally): string[] {
  return Object.entries(tally.areas)
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .slice(0, 3)
    .map(([area]) => safeText(area, 60));
}

/** Non-browser user agents: attack tools high, scripts and empty agents medium, other bots (isbot) low. */
export function detectAgents(day: DayMetrics, config: LogsConfig): Finding[] {
  const minimum = config.thresholds.user_agent_min_requests;
  const offset = offsetMinutes(config.report_utc_offset);
  return day.agents
    .filter((a) => a.count >= minimum && AGENT_RULES[a.kind])
    .map((a) => {
      const rule = AGENT_RULES[a.kind];
      const agent = a.kind === 'empty' ? '(empty)' : safeText(a.agent, 120);
      const areas = topAreas(a);
      return {
        type: 'security',
        severity: rule.severity,
        description: rule.description,
        details: {
          user_agent: agent,
          agent_kind: a.kind,
          requests: a.count,
          error_rate: percent(a.errors, a.count),
          source_ips: a.ips.slice(0, 5),
          accessing: areas,
          first_seen: timeOfDay(a.firstSeen, offset),
          last_seen: timeOfDay(a.lastSeen, offset),
        },
        recommended_action: rule.action,
        rule: {
          detector: `user_agent.${a.kind}`,
          threshold: minimum,
          condition: `at least ${minimum} requests from a ${a.kind.replace('_', ' ')} user agent`,
        },
        evidence: { count: a.count, first_lines: a.firstLines },
        recommendation: `Review ${areas[0] ?? 'requests'} access from ${agent} user agents`,
      };
    });
}
