// The dashboard's static assets: its compiled browser modules, its stylesheet and Chart.js's UMD build
// from the installed package. A fixed allow-list by name; a URL never becomes a file path.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_CSS } from './styles.js';

/** An asset ready to send. */
export interface Asset {
  contentType: string;
  body: Buffer;
}

const JS = 'text/javascript; charset=utf-8';
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2463eb"/><path d="M3 11h10M3 8h7M3 5h4" stroke="#fff" stroke-width="2"/></svg>';

/** Where the compiled browser modules are: beside this file when running from dist/, else in dist/. */
function clientDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'client');
  if (existsSync(join(beside, 'common.js'))) return beside;
  let root = here;
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  return join(root, 'dist', 'src', 'dashboard', 'client');
}

function chartJsPath(): string {
  // The package's exports hide dist/; its CommonJS entry sits beside the UMD build.
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
}

/** Build the asset table once at start-up: every name the server will ever serve under /assets/. */
export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  assets.set('dashboard.css', { contentType: 'text/css; charset=utf-8', body: Buffer.from(DASHBOARD_CSS) });
  assets.set('favicon.svg', { contentType: 'image/svg+xml', body: Buffer.from(FAVICON_SVG) });
  assets.set('chart.umd.min.js', { contentType: JS, body: readFileSync(chartJsPath()) });
  const dir = clientDir();
  if (existsSync(dir)) {
    for (const name of readdirSync(dir))
      if (/^[a-z-]+\.js$/.test(name))
        assets.set(name, { contentType: JS, body: readFileSync(join(dir, name)) });
  }
  return assets;
}
