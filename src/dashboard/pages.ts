// The HTML shell of each page: navigation, an empty main element and the page's script. No data is
// ever put into this HTML; the browser modules fetch the JSON API and render it with textContent.

import type { PageName } from './routes.js';
import type { JobName } from './readers/types.js';
import { JOB_NAMES } from './readers/types.js';
import { jobTitle } from './readers/registry.js';

const NAV_LABELS: Record<JobName, string> = {
  integrate: 'Integration',
  quality: 'Quality',
  collect: 'Collection',
  logs: 'Logs',
  reconcile: 'Reconciliation',
  pipeline: 'Pipeline',
};

/** The HTML for a page. Everything in it is a constant of this module. */
export function pageHtml(page: PageName): string {
  const title = page === 'overview' ? 'Overview' : jobTitle(page);
  const links = [`<a href="/"${page === 'overview' ? ' aria-current="page"' : ''}>Overview</a>`]
    .concat(
      JOB_NAMES.map(
        (job) => `<a href="/${job}"${job === page ? ' aria-current="page"' : ''}>${NAV_LABELS[job]}</a>`,
      ),
    )
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · Sluice</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/dashboard.css">
  <script src="/assets/chart.umd.min.js" defer></script>
  <script type="module" src="/assets/page-${page}.js"></script>
</head>
<body>
  <header>
    <span class="brand">Sluice</span>
    <nav>
      ${links}
    </nav>
  </header>
  <main id="app" data-page="${page}">
    <h1>${title}</h1>
    <p class="loading">Loading…</p>
  </main>
</body>
</html>
`;
}
