/** Where the project's data folders are, whether running from `src/` (tests) or `dist/src/` (built). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

export const PROJECT_ROOT = findRoot();
export const RULES_DIR = join(PROJECT_ROOT, 'rules');
export const INTENTS_DIR = join(PROJECT_ROOT, 'intents');
export const KNOWLEDGE_DIR = join(PROJECT_ROOT, 'knowledge');
