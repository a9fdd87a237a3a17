// Classifies a request target as an attack probe: path traversal, SQL injection, XSS, sensitive
// file or admin path, after CRS-style decoding. Does not count or score; anomalies.ts does.

import { inspectablePath, isIdSegment } from './normalize-path.js';

/** Kinds of suspicious path, most severe first (a path counts once, under its first match). */
export const ATTACK_CATEGORIES = [
  'path_traversal',
  'sql_injection',
  'xss',
  'sensitive_file',
  'admin_path',
] as const;
/** One kind of suspicious path. */
export type AttackCategory = (typeof ATTACK_CATEGORIES)[number];

const TRAVERSAL = /(?:^|[/=])\.\.(?:[/;]|$)|\/\.\.\.+\/|[\u00c0\u00e0][\u00ae\u00af]/; // overlong UTF-8 "." and "/" (%c0%ae), lower-cased
const SQL_INJECTION = new RegExp(
  [
    String.raw`\bunion\b[\s\S]{0,20}\bselect\b`,
    String.raw`\bselect\b[\s\S]{1,80}\bfrom\b`,
    String.raw`['"]\s*(?:or|and)\s+['"]?\w+['"]?\s*(?:=|like|>|<)`,
    String.raw`\b(?:or|and)\s+\d+\s*=\s*\d+`,
    String.raw`['"]\s*(?:--|#|;)`,
    String.raw`;\s*(?:drop|delete|insert|update|shutdown|exec)\b`,
    String.raw`\b(?:sleep|benchmark|pg_sleep)\s*\(`,
    String.raw`\bwaitfor\s+delay\b`,
    String.raw`\binformation_schema\b`,
    String.raw`\/\*[\s\S]*?\*\/\s*(?:select|union|or|and)\b`,
  ].join('|'),
);
const XSS =
  /<\s*\/?\s*(?:script|iframe|svg|img|body|object|embed)\b|javascript\s*:|\bon(?:error|load|mouseover|focus|click)\s*=|document\.(?:cookie|domain)|\balert\s*\(/;
const SENSITIVE_FILE =
  /\/etc\/(?:passwd|shadow|hosts|group)\b|\/proc\/self\/|(?:^|\/)\.(?:env|git|svn|htaccess|htpasswd|aws|ssh|ds_store|bash_history)(?:[/.]|$)|wp-config\.php|wp-login\.php|xmlrpc\.php|web\.config|\bid_rsa\b|\.(?:bak|sql|old|swp)(?:$|\?)|boot\.ini|win\.ini/;

// Characters or sequences without which no decoding could reveal traversal, injection or script.
const NEEDS_DECODING = /[%\\<>'"`+ *(&;]|\.\.|--/;

/** Classifies paths; admin prefixes come from the config. */
export class AttackClassifier {
  private readonly adminPrefixes: readonly string[];

  constructor(adminPrefixes: readonly string[]) {
    this.adminPrefixes = adminPrefixes.map((p) => p.toLowerCase().replace(/\/+$/, ''));
  }

  /**
   * The first attack category `rawPath` matches, or undefined. Plain paths (no characters that
   * decoding or injection need) skip the decoder and are only checked for sensitive files and admin areas.
   */
  classify(rawPath: string): AttackCategory | undefined {
    if (!NEEDS_DECODING.test(rawPath)) return this.classifyPlain(rawPath.toLowerCase());
    const { text, hadNullByte } = inspectablePath(rawPath);
    if (TRAVERSAL.test(text)) return 'path_traversal';
    if (SQL_INJECTION.test(text)) return 'sql_injection';
    if (XSS.test(text)) return 'xss';
    if (hadNullByte) return 'path_traversal';
    return this.classifyPlain(text);
  }

  /**
   * Whether every plain path (one `classify` does not decode) without a fragment or `{` falls in the
   * same category as any other such path that differs from it only in the id segments before its
   * query (all digits, or a UUID; endpointPath's `{id}`) and in the runs of digits of its query (each
   * run still one or more digits), so one verdict serves all of them. Plain paths are checked only
   * for sensitive files and admin prefixes. No sensitive-file pattern matches a digit, or a UUID's
   * characters: each needs a `.`, `_` or a letter past `f` there; its anchors sit beside such
   * characters or a `/`, and a `\b` beside a run of digits sees a word character in every path. An
   * admin prefix matches up to a `/`, `?`, `.` or the end, none of which is inside an id, so it could
   * tell ids apart only by holding a whole id segment itself, or a query's digits only by holding a
   * `?`; false when a configured prefix does.
   */
  classifiesByEndpoint(): boolean {
    return !this.adminPrefixes.some((prefix) => prefix.includes('?') || prefix.split('/').some(isIdSegment));
  }

  private classifyPlain(text: string): AttackCategory | undefined {
    if (SENSITIVE_FILE.test(text)) return 'sensitive_file';
    if (this.isAdminPath(text)) return 'admin_path';
    return undefined;
  }

  private isAdminPath(text: string): boolean {
    for (const prefix of this.adminPrefixes) {
      if (text.startsWith(prefix)) {
        const next = text.charCodeAt(prefix.length);
        if (Number.isNaN(next) || next === 47 /* / */ || next === 63 /* ? */ || next === 46 /* . */)
          return true;
      }
    }
    return false;
  }
}
