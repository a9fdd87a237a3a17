// Loading JSON files and validating configs with zod, with messages that name the file, the JSON
// path and, for a misspelt key, the closest valid spelling. Does not define any job's schema.

import { readFileSync } from 'node:fs';
import { parse as parseTolerant, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { ConfigError, InputError } from './errors.js';
import { requireFile } from './files.js';
import { closestMatch } from './text.js';

/** Line and column (1-based) of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

/** Parse JSON text; a syntax error becomes an InputError naming `source`, line and column. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // V8's messages do not always carry a position; jsonc-parser (strict mode) locates the first error.
    const errors: ParseError[] = [];
    parseTolerant(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
    const first = errors[0];
    const offset = first?.offset ?? text.length;
    const reason = first ? describeParseError(first.error) : 'invalid JSON';
    const { line, column } = lineAndColumn(text, offset);
    throw new InputError(
      `malformed JSON in ${source}:${line}:${column}: ${reason}`,
      'fix the JSON syntax at that place',
    );
  }
}

function describeParseError(code: number): string {
  const words = printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words === 'value expected' ? 'a value was expected here' : words;
}

/** Read and parse a JSON file, with clear errors for a missing file or bad syntax. */
export function readJsonFile(path: string, what = 'JSON file'): unknown {
  requireFile(path, what);
  return parseJsonText(readFileSync(path, 'utf8'), path);
}

/** `rules[2].min` from zod's path array; `(root)` for the top. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(root)';
}

// Enough of zod 4's internal definition to walk a schema down a path.
interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  options?: unknown[];
  in?: unknown;
  valueType?: unknown;
  getter?: () => unknown;
}
const defOf = (schema: unknown): SchemaDef | undefined =>
  (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

/** The object keys a schema allows at `path` (unions contribute every option's keys). */
export function keysAtPath(schema: unknown, path: readonly PropertyKey[]): string[] {
  const def = defOf(schema);
  if (!def) return [];
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return keysAtPath(def.innerType, path);
    case 'pipe':
      return keysAtPath(def.in, path);
    case 'lazy':
      return def.getter ? keysAtPath(def.getter(), path) : [];
    case 'union':
      return [...new Set((def.options ?? []).flatMap((option) => keysAtPath(option, path)))];
    case 'object':
      if (path.length === 0) return Object.keys(def.shape ?? {});
      return keysAtPath(def.shape?.[String(path[0])], path.slice(1));
    case 'array':
      return path.length === 0 ? [] : keysAtPath(def.element, path.slice(1));
    case 'record':
      return path.length === 0 ? [] : keysAtPath(def.valueType, path.slice(1));
    default:
      return [];
  }
}

/** Turn zod issues into readable problems, one per issue, each with its JSON path. */
export function describeIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): string[] {
  const problems: string[] = [];
  for (const issue of issues) {
    const where = formatJsonPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const valid = keysAtPath(schema, issue.path);
      for (const key of issue.keys) {
        const suggestion = closestMatch(key, valid);
        const keyPath = formatJsonPath([...issue.path, key]);
        problems.push(
          suggestion
            ? `unknown key "${keyPath}" (did you mean "${suggestion}"?)`
            : `unknown key "${keyPath}" (valid keys: ${valid.join(', ')})`,
        );
      }
    } else {
      problems.push(`${where}: ${issue.message}`);
    }
  }
  return problems;
}

/**
 * Parse options for a value validated once per run: zod's fast path compiles a parser per object
 * schema with `new Function`, which costs more than it saves on a single config file (loading the
 * pipeline's config took 35-37 ms with it, 6-14 ms without) and is code generation we do not need.
 */
export const ONE_SHOT = { jitless: true } as const;

/**
 * Validate `data` against `schema`; every problem is collected into one ConfigError line naming `source`.
 */
export function validateConfig<S extends z.ZodType>(schema: S, data: unknown, source: string): z.output<S> {
  const result = schema.safeParse(data, ONE_SHOT);
  if (result.success) return result.data;
  const problems = describeIssues(schema, result.error.issues);
  throw new ConfigError(
    `invalid config ${source}: ${problems.join('; ')}`,
    'fix the named keys and run again',
  );
}

/** Read a JSON config file and validate it. */
export function loadConfig<S extends z.ZodType>(schema: S, path: string, what = 'config file'): z.output<S> {
  return validateConfig(schema, readJsonFile(path, what), path);
}
