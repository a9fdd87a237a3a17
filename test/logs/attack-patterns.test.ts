import { describe, expect, it } from 'vitest';
import { AttackClassifier } from '../../src/logs/attack-patterns.js';

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
