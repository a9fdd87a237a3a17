// The dashboard's stylesheet, served as /assets/dashboard.css. Plain CSS; no inline styles anywhere.

/** The stylesheet text. */
export const DASHBOARD_CSS = `
:root { --bg: #f5f6f8; --card: #fff; --ink: #1d2330; --muted: #5f6b7a; --line: #dde1e7; --accent: #2463eb;
  --ok: #1a7f37; --warn: #b35900; --bad: #c62828; --run: #6f42c1; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--ink); }
header { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #111827; color: #fff; flex-wrap: wrap; }
header .brand { font-weight: 700; font-size: 18px; letter-spacing: .5px; }
header nav { display: flex; gap: 4px; flex-wrap: wrap; }
header nav a { color: #cbd5e1; text-decoration: none; padding: 6px 10px; border-radius: 6px; }
header nav a:hover { background: #1f2937; color: #fff; }
header nav a[aria-current="page"] { background: var(--accent); color: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0 16px; }
h2 { font-size: 16px; margin: 0 0 10px; }
.grid { display: grid; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); }
.grid.two { grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); }
.panel, .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin-bottom: 16px; }
.card { display: flex; flex-direction: column; gap: 6px; margin-bottom: 0; text-decoration: none; color: inherit; border-left: 5px solid var(--line); }
.card:hover { border-color: var(--accent); }
.card.status-success { border-left-color: var(--ok); }
.card.status-warning { border-left-color: var(--warn); }
.card.status-failed { border-left-color: var(--bad); }
.card.status-running { border-left-color: var(--run); }
.card .title { font-weight: 600; font-size: 15px; }
.card .headline { font-size: 22px; font-weight: 700; }
.card .meta, .muted { color: var(--muted); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; background: #e5e7eb; color: #374151; text-transform: uppercase; white-space: nowrap; }
.badge.success, .badge.low { background: #dcfce7; color: var(--ok); }
.badge.warning, .badge.medium { background: #fef3c7; color: var(--warn); }
.badge.failed, .badge.critical { background: #fee2e2; color: var(--bad); }
.badge.high { background: #ffedd5; color: #c2410c; }
.badge.running { background: #ede9fe; color: var(--run); }
.notice { padding: 12px 14px; border-radius: 8px; background: #eef2ff; color: #3730a3; margin-bottom: 16px; }
.notice.error { background: #fee2e2; color: var(--bad); }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; }
th { color: var(--muted); font-weight: 600; background: #fafbfc; white-space: nowrap; overflow-wrap: normal; }
td:first-child, .nowrap { white-space: nowrap; overflow-wrap: normal; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.figures { display: flex; gap: 24px; flex-wrap: wrap; margin-bottom: 16px; }
.figure { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; min-width: 150px; }
.figure .value { font-size: 22px; font-weight: 700; }
.figure .label { color: var(--muted); font-size: 12px; }
.chart { position: relative; height: 280px; }
.filters { display: flex; gap: 12px; margin-bottom: 10px; align-items: center; flex-wrap: wrap; }
select { padding: 4px 8px; border-radius: 6px; border: 1px solid var(--line); background: #fff; }
code { overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; background: #f3f4f6; padding: 1px 4px; border-radius: 4px; }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; }
dl.details dt { color: var(--muted); }
dl.details dd { margin: 0; word-break: break-all; }
`;
