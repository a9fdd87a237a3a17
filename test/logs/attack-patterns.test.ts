import { describe, expect, it } from 'vitest';
import { AttackClassifier } from '../../src/logs/attack-patterns.js';
import { defaultLogsConfig } from '../../src/logs/config.js';
import { endpointPath } from '../../src/logs/normalize-path.js';
import { SeededRandom } from '../../src/logs/random.js';

const classifier = new AttackClassifier(['/admin', '/wp-admin', '/phpmyadmin']);

describe('AttackClassifier', () => {
  it.each([
    ['/api/../../etc/passwd', 'path_traversal'],
    ['/static/..%2f..%2f..%2fetc%2fpasswd', 'path_traversal'],
    ['/download?file=%252e%252e%252fetc%252fshadow', 'path_traversal'],
    ['/images/..\\..\\windows\\win.ini', 'path_traversal'],
    ['/file?name=../../etc/passwd%00.png', 'path_traversal'],
    ['/%c0%ae%c0%ae/etc/passwd', 'path_traversal'],
    ['/img.png%00.php', 'path_traversal'],
    ["/api/products?id=1'+OR+'1'='1", 'sql_injection'],
    ['/api/search?q=1%20UNION%20SELECT%20username,password%20FROM%20users--', 'sql_injection'],
    ['/api/search?q=1%2520UNION%2520ALL%2520SELECT%2520NULL', 'sql_injection'],
    ['/api/products?id=1%3BDROP%20TABLE%20users', 'sql_injection'],
    ['/api/products?id=1%20AND%20SLEEP(5)', 'sql_injection'],
    ['/item?id=1/**/union/**/select/**/1', 'sql_injection'],
    ['/api/search?q=%3Cscript%3Ealert(1)%3C/script%3E', 'xss'],
    ['/api/search?q=%253Cimg%2520src%253Dx%2520onerror%253Dalert(1)%253E', 'xss'],
    ['/api/search?q=&lt;script&gt;', 'xss'],
    ['/p?u=javascript:alert(1)', 'xss'],
    ['/.env', 'sensitive_file'],
    ['/.git/config', 'sensitive_file'],
    ['/wp-login.php', 'sensitive_file'],
    ['/backup.sql', 'sensitive_file'],
    ['/read?f=/etc/passwd', 'sensitive_file'],
    ['/%2eenv', 'sensitive_file'],
    ['/admin/config', 'admin_path'],
    ['/ADMIN', 'admin_path'],
    ['/phpmyadmin/index.php', 'admin_path'],
    ['/%61dmin/users', 'admin_path'],
  ])('%s is %s', (path, category) => {
    expect(classifier.classify(path)).toBe(category);
  });

  it.each([
    '/api/products',
    '/api/products/123?page=2&sort=name',
    '/api/search?q=select+shoes',
    '/api/search?q=union+station',
    '/api/search?q=it%27s',
    '/administrator-guide.html',
    '/docs/v1..v2',
    '/static/app.js',
    '/environment',
    '/api/search?q=coffee%20%26%20tea',
  ])('%s is not suspicious', (path) => {
    expect(classifier.classify(path)).toBeUndefined();
  });
});

describe('AttackClassifier.classifiesByEndpoint', () => {
  // Segments around the sensitive-file and admin patterns; ID is replaced by a random id.
  const SEGMENTS = [
    ...['api', 'admin', 'ADMIN', 'wp-admin', 'phpmyadmin', 'etc', 'passwd', 'proc', 'self', '.env'],
    ...['.git', 'wp-login.php', 'backup.sql', 'x.bak', 'file.old', 'id_rsa', 'boot.ini', 'users'],
    ...['deadbeef', 'cafe', 'a-b', 'v1.2', 'ID', 'ID', 'ID'],
  ];
  const HEX = '0123456789abcdefABCDEF';
  // Queries; each N is replaced by a run of digits.
  const QUERIES = [
    'page=N',
    'f=/etc/passwdN',
    'f=/etc/passwd/N',
    'k=id_rsaN',
    'k=id_rsa',
    'x=a.bakN',
    'x=N.bak',
  ];
  const randomDigits = (random: SeededRandom) => String(random.int(0, 10 ** random.int(1, 6)));

  function randomId(random: SeededRandom): string {
    if (random.chance(0.5)) return String(random.int(0, 999_999));
    // A UUID, sometimes of letters only (replaced only when the path has a digit elsewhere).
    const digits = random.chance(0.2) ? 'abcdefABCDEF' : HEX;
    const hex = (n: number) => Array.from({ length: n }, () => random.pick([...digits])).join('');
    return [hex(8), hex(4), hex(4), hex(4), hex(12)].join('-');
  }

  it('holds for the default admin prefixes, not for one with an id segment', () => {
    expect(new AttackClassifier(defaultLogsConfig().admin_path_prefixes).classifiesByEndpoint()).toBe(true);
    for (const prefix of ['/api/7', '/files/123e4567-e89b-12d3-a456-426614174000/', '/p?page=1'])
      expect(new AttackClassifier(['/admin', prefix]).classifiesByEndpoint()).toBe(false);
    // Such a prefix does tell two ids of one endpoint apart.
    const byId = new AttackClassifier(['/api/7']);
    expect(byId.classify('/api/7/x')).toBe('admin_path');
    expect(byId.classify('/api/8/x')).toBeUndefined();
  });

  it("gives every plain path of one endpoint the same category, whatever its ids and its query's digits", () => {
    const random = new SeededRandom(11);
    const classifier = new AttackClassifier(defaultLogsConfig().admin_path_prefixes);
    expect(classifier.classifiesByEndpoint()).toBe(true);
    const verdicts = new Map<string, string | undefined>();
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 5_000; i++) {
      const template = Array.from({ length: random.int(1, 5) }, () => random.pick(SEGMENTS));
      const lead = random.chance(0.9) ? '/' : '';
      const trail = random.chance(0.1) ? '/' : '';
      for (let k = 0; k < 3; k++) {
        const query = random.chance(0.3)
          ? `?${random.pick(QUERIES).replaceAll('N', () => randomDigits(random))}`
          : '';
        const path =
          lead + template.map((s) => (s === 'ID' ? randomId(random) : s)).join('/') + trail + query;
        const key = `${endpointPath(path)} ${query.replace(/\d+/g, '{')}`;
        const verdict = classifier.classify(path);
        seen.add(verdict);
        if (!verdicts.has(key)) verdicts.set(key, verdict);
        else expect(verdict, path).toBe(verdicts.get(key));
      }
    }
    expect(seen).toEqual(new Set([undefined, 'sensitive_file', 'admin_path']));
  });
});
