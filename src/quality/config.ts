// Loading and checking `quality_rules.json`: zod schemas per rule type (from the registry), thresholds,
// duplicate ids, and the columns rules name against the data's header. Does not evaluate rules.

import { z } from 'zod';
import { describeIssues, ONE_SHOT, readJsonFile } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import { closestMatch } from '../core/text.js';
import { definitionOf, RULE_TYPES } from './rules/registry.js';
import type { RuleConfig } from './rules/registry.js';

const thresholdsSchema = z.strictObject({
  critical_max_failures: z.number().int().min(0).default(0),
  high_max_percent: z.number().min(0).max(100).default(5),
  medium_max_percent: z.number().min(0).max(100).default(10),
  low_max_percent: z.number().min(0).max(100).optional(),
  overall_min_score: z.number().min(0).max(100).default(90),
});

const topSchema = z.strictObject({
  record_id_field: z.string().min(1).optional(),
  rules: z.array(z.unknown()).min(1, 'list at least one rule'),
  thresholds: thresholdsSchema.prefault({}),
});

/** Alert thresholds (the spec's keys, plus the optional `low_max_percent`). */
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** A validated quality config. */
export interface QualityConfig {
  /** The column that identifies a record in messages; the data's first column when absent. */
  record_id_field?: string;
  rules: RuleConfig[];
  thresholds: Thresholds;
}

const TYPE_NAMES = RULE_TYPES.map((definition) => definition.type);

function ruleLabel(raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.trim() ? `rules[${index}] (${id})` : `rules[${index}]`;
}

/** Put a rule's label in front of a problem described relative to the rule (`min: ...` -> `rules[2] (R003).min: ...`). */
function withRuleLabel(problem: string, label: string): string {
  if (problem.startsWith('unknown key "')) return problem.replace('unknown key "', `unknown key "${label}.`);
  if (problem.startsWith('(root): ')) return `${label}: ${problem.slice(8)}`;
  return `${label}.${problem}`;
}

function parseRule(raw: unknown, index: number, problems: string[]): RuleConfig | undefined {
  const label = ruleLabel(raw, index);
  const type = (raw as { type?: unknown } | null)?.type;
  const definition = RULE_TYPES.find((candidate) => candidate.type === type);
  if (!definition) {
    const suggestion = typeof type === 'string' ? closestMatch(type, TYPE_NAMES) : undefined;
    const shown = typeof type === 'string' ? `unknown rule type "${type}"` : 'missing rule "type"';
    problems.push(
      `${label}.type: ${shown}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; available types: ${TYPE_NAMES.join(', ')}`,
    );
    return undefined;
  }
  const result = definition.schema.safeParse(raw, ONE_SHOT);
  if (!result.success) {
    for (const problem of describeIssues(definition.schema, result.error.issues))
      problems.push(withRuleLabel(problem, label));
    return undefined;
  }
  const rule = result.data as RuleConfig;
  for (const problem of definitionOf(rule).validate?.(rule) ?? []) problems.push(`${label}: ${problem}`);
  return rule;
}

/**
 * Validate a parsed config. Every problem (bad keys, unknown types, duplicate ids, formulas that do not
 * parse) is collected into one ConfigError naming `source`, each with its JSON path and rule id.
 */
export function validateQualityConfig(data: unknown, source: string): QualityConfig {
  const problems: string[] = [];
  const top = topSchema.safeParse(data, ONE_SHOT);
  if (!top.success) problems.push(...describeIssues(topSchema, top.error.issues));
  const rawRules = Array.isArray((data as { rules?: unknown } | null)?.rules)
    ? (data as { rules: unknown[] }).rules
    : [];
  const rules = rawRules.map((raw, index) => parseRule(raw, index, problems));
  const seen = new Map<string, number>();
  rules.forEach((rule, index) => {
    if (!rule) return;
    const first = seen.get(rule.id);
    if (first !== undefined)
      problems.push(`rules[${index}].id: duplicate rule id "${rule.id}" (also used by rules[${first}])`);
    else seen.set(rule.id, index);
  });
  if (problems.length > 0 || !top.success)
    throw new ConfigError(
      `invalid config ${source}: ${problems.join('; ')}`,
      'fix the named keys and run again',
    );
  return {
    record_id_field: top.data.record_id_field,
    rules: rules as RuleConfig[],
    thresholds: top.data.thresholds,
  };
}

/** Read and validate a quality config file (missing file or malformed JSON: InputError, exit 2). */
export function loadQualityConfig(path: string): QualityConfig {
  return validateQualityConfig(readJsonFile(path, 'quality rules file'), path);
}

/**
 * Check that every column the config names exists in the data. One ConfigError lists each rule id and
 * column that is missing (with a "did you mean"), and the columns the data has.
 */
export function checkColumns(
  config: QualityConfig,
  columns: readonly string[],
  source: string,
  dataFile: string,
): void {
  const problems: string[] = [];
  const missing = (column: string) => !columns.includes(column);
  const hint = (column: string) => {
    const suggestion = closestMatch(column, columns);
    return suggestion ? ` (did you mean "${suggestion}"?)` : '';
  };
  if (config.record_id_field !== undefined && missing(config.record_id_field)) {
    problems.push(
      `record_id_field: column "${config.record_id_field}" is not in the data${hint(config.record_id_field)}`,
    );
  }
  config.rules.forEach((rule, index) => {
    for (const column of definitionOf(rule).columns(rule)) {
      if (missing(column))
        problems.push(`rules[${index}] (${rule.id}): column "${column}" is not in the data${hint(column)}`);
    }
  });
  if (problems.length > 0) {
    throw new ConfigError(
      `invalid config ${source} for ${dataFile}: ${problems.join('; ')}`,
      `available columns: ${columns.join(', ')}`,
    );
  }
}
