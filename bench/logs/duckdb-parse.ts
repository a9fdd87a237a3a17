// Benchmark probe: parse an access log with DuckDB's regex functions and compute the core aggregates
// (hourly counts, status codes, endpoints, per-IP-minute peaks), to compare with the worker-thread scan.
// Prints one JSON line {lines, ms, maxRssKb}; it is not the job and writes no outputs.

import { Engine } from '../../src/core/engine.js';

const LINE_PATTERN = String.raw`^(\S+) \S+ (\S+) \[(\d{2}/\w{3}/\d{4}):(\d{2}):(\d{2}):\d{2} [+-]\d{4}\] "(\S+) (\S+)[^"]*" (\d{3}) (\d+|-) "(?:[^"\\]|\\.)*" "((?:[^"\\]|\\.)*)"$`;

async function main(path: string): Promise<void> {
  const started = performance.now();
  const engine = await Engine.create(':memory:');
  try {
    await engine.run(
      `CREATE TEMP TABLE parsed AS
       SELECT regexp_extract(line, $2, ['ip', 'user', 'day', 'hour', 'minute', 'method', 'path', 'status', 'bytes', 'agent']) AS m
       FROM read_csv($1, columns = {'line': 'VARCHAR'}, delim = $3, quote = '', escape = '', header = false, auto_detect = false, strict_mode = false)`,
      [path, LINE_PATTERN, '\u0001'],
    );
    const totals = await engine.one(
      `SELECT count(*) AS lines, count(*) FILTER (WHERE m.ip = '') AS rejects FROM parsed`,
    );
    await engine.all(
      `SELECT m.hour, count(*) AS requests, count(*) FILTER (WHERE m.status >= '400') AS errors, count(DISTINCT m.ip) AS ips FROM parsed WHERE m.ip <> '' GROUP BY 1`,
    );
    await engine.all(`SELECT m.status, count(*) FROM parsed WHERE m.ip <> '' GROUP BY 1`);
    await engine.all(
      `SELECT m.method || ' ' || regexp_replace(split_part(m.path, '?', 1), '/[0-9]+(/|$)', '/{id}\\1', 'g') AS endpoint, count(*) AS requests,
              avg(TRY_CAST(m.bytes AS BIGINT)) AS avg_bytes
       FROM parsed WHERE m.ip <> '' GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
    );
    await engine.all(
      `SELECT m.ip, m.hour, m.minute, count(*) AS n FROM parsed WHERE m.ip <> '' GROUP BY 1, 2, 3 HAVING count(*) > 100`,
    );
    const ms = Math.round(performance.now() - started);
    process.stdout.write(
      `${JSON.stringify({ lines: totals?.lines, rejects: totals?.rejects, ms, maxRssKb: process.resourceUsage().maxRSS })}\n`,
    );
  } finally {
    engine.close();
  }
}

await main(process.argv[2] ?? 'bench/.data/access_2024-01-17.log');
