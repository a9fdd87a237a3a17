// Benchmark probe: split an access log with DuckDB's native CSV reader (space-delimited, `"` quotes,
// `\` escapes, all columns text, both cores) and compute the core aggregates (hourly counts, status
// codes, top endpoints, per-request-line, per-agent and per-IP tallies, per-IP-minute peaks), to
// compare with the TypeScript scan. Prints one JSON line {lines, ms, maxRssKb}; it is not the job:
// no rejects with reasons, no line numbers, no detectors, and it writes no outputs.

import { Engine } from '../../src/core/engine.js';

const COLUMNS = ['ip', 'ident', 'usr', 'ts', 'tz', 'req', 'status', 'bytes', 'referer', 'agent'];

async function main(path: string): Promise<void> {
  const started = performance.now();
  const engine = await Engine.create(':memory:');
  try {
    const columns = `{${COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
    // Lines that do not split into exactly these columns are skipped (ignore_errors): the job would
    // re-read them with its own parser to word the reject reason.
    await engine.run(
      `CREATE TEMP TABLE parsed AS
       SELECT ip, usr, substr(ts, 14, 2) AS hour, substr(ts, 14, 5) AS minute, req, status,
              TRY_CAST(bytes AS BIGINT) AS bytes, agent
       FROM read_csv($1, columns = ${columns}, delim = ' ', quote = '"', escape = '\\', header = false,
                     auto_detect = false, strict_mode = false, ignore_errors = true)`,
      [path],
    );
    const totals = await engine.one(`SELECT count(*) AS lines FROM parsed`);
    await engine.all(
      `SELECT hour, count(*) AS requests, count(*) FILTER (WHERE status >= '400') AS errors, count(DISTINCT ip) AS ips FROM parsed GROUP BY 1`,
    );
    await engine.all(`SELECT status, count(*) FROM parsed GROUP BY 1`);
    await engine.all(
      `SELECT req, count(*) AS requests, sum(bytes) AS bytes, count(*) FILTER (WHERE status >= '400') AS errors FROM parsed GROUP BY 1`,
    );
    await engine.all(`SELECT agent, count(*) AS requests FROM parsed GROUP BY 1`);
    await engine.all(
      `SELECT ip, count(*) AS requests, count(*) FILTER (WHERE status >= '400') AS errors, max(minute) AS last FROM parsed GROUP BY 1`,
    );
    await engine.all(`SELECT ip, minute, count(*) AS n FROM parsed GROUP BY 1, 2 HAVING count(*) > 100`);
    const ms = Math.round(performance.now() - started);
    process.stdout.write(
      `${JSON.stringify({ lines: totals?.lines, ms, maxRssKb: process.resourceUsage().maxRSS })}\n`,
    );
  } finally {
    engine.close();
  }
}

await main(process.argv[2] ?? 'bench/.data/access_2024-01-17.log');
