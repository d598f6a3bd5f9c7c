/**
 * The chat and dashboard scripts and the stylesheet, served as files because the CSP allows no inline script or
 * style. They are read from the source tree (src/channels/web/public), which `npm start` also has, since tsc copies
 * no assets. The chart library is served the same way from its installed package (a runtime dependency), never a CDN.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { PROJECT_ROOT } from '../../core/paths.js';

export const PUBLIC_DIR = join(PROJECT_ROOT, 'src', 'channels', 'web', 'public');

const ASSETS: Readonly<Record<string, string>> = {
  'chat.js': 'text/javascript; charset=utf-8',
  'lodestone.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
  'dashboard.js': 'text/javascript; charset=utf-8',
};

/** Chart.js's UMD build (it defines the global `Chart`). Its package exports no such subpath, so it is found beside the main file. */
export const CHART_JS_FILE = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
const VENDOR: Readonly<Record<string, { path: string; type: string }>> = {
  'chart.umd.min.js': { path: CHART_JS_FILE, type: 'text/javascript; charset=utf-8' },
};

export function assetRoutes(dir: string = PUBLIC_DIR): Router {
  const router = express.Router();
  // Read once at start: a missing asset is a broken install and should fail at start, not on a page view.
  const files = new Map([
    ...Object.entries(ASSETS).map(([name, type]) => [name, { type, body: readFileSync(join(dir, name)) }] as const),
    ...Object.entries(VENDOR).map(([name, v]) => [name, { type: v.type, body: readFileSync(v.path) }] as const),
  ]);
  router.get('/assets/:name', (req, res, next) => {
    const file = files.get(req.params.name);
    if (!file) {
      next();
      return;
    }
    res.set('Cache-Control', 'no-cache').type(file.type).send(file.body);
  });
  return router;
}
