// The generator's picture of a shop's traffic: hourly curve, endpoints with their error profiles,
// user agents, and the attack requests scanners send. Data only; generate.ts draws from it.

/** Relative traffic per hour of day (a quiet night, a 09:00 peak, a busy afternoon). */
export const HOUR_WEIGHTS = [
  2.0, 1.3, 0.8, 0.6, 0.7, 1.1, 2.9, 5.8, 10.4, 15.9, 14.8, 13.7, 11.3, 12.0, 12.5, 11.8, 11.0, 10.5, 9.0,
  7.5, 6.5, 5.5, 4.2, 3.0,
];

/** An endpoint: how often it is hit, how its path is built, and how it fails. */
export interface EndpointModel {
  method: string;
  /** `{n}` becomes a number, `{uuid}` a UUID, `{q}` a search word. */
  path: string;
  weight: number;
  /** Typical response size in bytes. */
  bytes: number;
  /** Share of requests that fail, and the codes they fail with. */
  errorRate: number;
  errors: number[];
  /** Success code (201 for creates). */
  ok: number;
}

export const ENDPOINTS: EndpointModel[] = [
  {
    method: 'GET',
    path: '/api/products',
    weight: 25,
    bytes: 2400,
    errorRate: 0.02,
    errors: [500, 503, 400],
    ok: 200,
  },
  {
    method: 'GET',
    path: '/api/products/{n}',
    weight: 18,
    bytes: 900,
    errorRate: 0.03,
    errors: [404, 404, 500],
    ok: 200,
  },
  {
    method: 'GET',
    path: '/api/products?page={n}',
    weight: 4,
    bytes: 2300,
    errorRate: 0.02,
    errors: [400, 500],
    ok: 200,
  },
  {
    method: 'POST',
    path: '/api/orders',
    weight: 7,
    bytes: 850,
    errorRate: 0.025,
    errors: [400, 422, 500],
    ok: 201,
  },
  {
    method: 'GET',
    path: '/api/orders/{uuid}',
    weight: 2,
    bytes: 1100,
    errorRate: 0.03,
    errors: [404, 403],
    ok: 200,
  },
  {
    method: 'GET',
    path: '/api/cart',
    weight: 6,
    bytes: 640,
    errorRate: 0.16,
    errors: [401, 401, 401, 500],
    ok: 200,
  },
  {
    method: 'GET',
    path: '/api/users/profile',
    weight: 5,
    bytes: 520,
    errorRate: 0.02,
    errors: [401, 404],
    ok: 200,
  },
  {
    method: 'POST',
    path: '/api/auth/login',
    weight: 4,
    bytes: 310,
    errorRate: 0.057,
    errors: [401, 401, 429],
    ok: 200,
  },
  {
    method: 'GET',
    path: '/api/categories',
    weight: 4,
    bytes: 1500,
    errorRate: 0.014,
    errors: [500],
    ok: 200,
  },
  {
    method: 'PUT',
    path: '/api/cart/{n}',
    weight: 3,
    bytes: 420,
    errorRate: 0.12,
    errors: [409, 500, 400],
    ok: 200,
  },
  {
    method: 'GET',
    path: '/api/search?q={q}',
    weight: 3,
    bytes: 3100,
    errorRate: 0.063,
    errors: [400, 500, 504],
    ok: 200,
  },
  {
    method: 'DELETE',
    path: '/api/cart/{n}',
    weight: 1.5,
    bytes: 90,
    errorRate: 0.051,
    errors: [404, 409],
    ok: 204,
  },
  {
    method: 'GET',
    path: '/static/app.js',
    weight: 5,
    bytes: 48_000,
    errorRate: 0.005,
    errors: [404],
    ok: 200,
  },
  { method: 'GET', path: '/', weight: 3, bytes: 5200, errorRate: 0.004, errors: [500], ok: 200 },
];

export const SEARCH_WORDS = [
  'shoes',
  'laptop',
  'coffee',
  'lamp',
  'desk',
  'phone case',
  'headphones',
  'gift card',
];

export const BROWSER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; \\"Corp Build\\") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36',
];

export const CRAWLER_AGENTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
];

export const SCRIPT_AGENTS = ['curl/7.68.0', 'python-requests/2.31.0', 'Go-http-client/1.1', 'Wget/1.21.2'];

/** One attacker's campaign: the user agent it sends and the paths it tries, with the status they get. */
export interface AttackModel {
  agent: string;
  requests: { method: string; path: string; status: number }[];
}

export const ATTACKS: AttackModel[] = [
  {
    agent: 'curl/7.68.0',
    requests: [
      { method: 'GET', path: '/api/../../etc/passwd', status: 400 },
      { method: 'GET', path: '/static/..%2f..%2f..%2fetc%2fpasswd', status: 400 },
      { method: 'GET', path: '/download?file=%252e%252e%252f%252e%252e%252fetc%252fshadow', status: 403 },
      { method: 'GET', path: '/images/..\\..\\..\\windows\\win.ini', status: 404 },
      { method: 'GET', path: '/file?name=../../etc/passwd%00.png', status: 400 },
    ],
  },
  {
    agent: 'sqlmap/1.7.2#stable (https://sqlmap.org)',
    requests: [
      { method: 'GET', path: "/api/products?id=1'+OR+'1'='1", status: 500 },
      {
        method: 'GET',
        path: '/api/search?q=1%20UNION%20SELECT%20username,password%20FROM%20users--',
        status: 500,
      },
      { method: 'GET', path: '/api/products?id=1%3BDROP%20TABLE%20users', status: 400 },
      { method: 'GET', path: '/api/products?id=1%20AND%20SLEEP(5)', status: 200 },
    ],
  },
  {
    agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
    requests: [
      { method: 'GET', path: '/api/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E', status: 200 },
      {
        method: 'GET',
        path: '/api/search?q=%253Cimg%2520src%253Dx%2520onerror%253Dalert(1)%253E',
        status: 200,
      },
    ],
  },
  {
    agent: 'Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:map_codes)',
    requests: [
      { method: 'GET', path: '/.env', status: 404 },
      { method: 'GET', path: '/wp-login.php', status: 404 },
      { method: 'GET', path: '/.git/config', status: 404 },
      { method: 'GET', path: '/phpmyadmin/index.php', status: 404 },
      { method: 'GET', path: '/backup.sql', status: 404 },
    ],
  },
  {
    agent: 'curl/7.68.0',
    requests: [
      { method: 'GET', path: '/admin/config', status: 403 },
      { method: 'GET', path: '/admin/users', status: 403 },
      { method: 'POST', path: '/admin/login', status: 401 },
    ],
  },
];

/** Broken lines the generator mixes in (~0.1%), each a different way a line can be malformed. */
export const MALFORMED_SAMPLES = [
  'this is not an access log line',
  '192.168.7.7 - - [17/Foo/2024:99:99:99 +0000] "GET / HTTP/1.1" 200 12 "-" "Mozilla/5.0"',
  '192.168.7.8 - - [{clf}] "GET /api/products HTTP/1.1 200 1234 "-" "Mozilla/5.0"',
  '192.168.7.9 - - [{clf}] "GET /api/products HTTP/1.1" abc 1234 "-" "Mozilla/5.0"',
  '\u001b[31mred alert\u001b[0m injected text\u0007',
  'not-an-ip - - [{clf}] "GET / HTTP/1.1" 200 10 "-" "Mozilla/5.0"',
];
