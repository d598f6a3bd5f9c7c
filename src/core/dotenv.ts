/**
 * `.env` at start: its variables join the environment, and one the environment already has (even empty) wins, as
 * with `node --env-file`. Node's own parser (util.parseEnv, the one behind process.loadEnvFile) reads the file; the
 * merge is done here so that precedence is stated, and the startup log can say what came from where.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export interface DotEnvLoaded {
  readonly file: string;
  /** Variables taken from the file. */
  readonly added: readonly string[];
  /** Variables in the file that the environment already had, so the file's value was not used. */
  readonly kept: readonly string[];
}

/** Reads `file` into `env` when it exists (empty values are skipped); undefined when there is no such file. */
export function loadDotEnv(file = '.env', env: NodeJS.ProcessEnv = process.env): DotEnvLoaded | undefined {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
    throw err;
  }
  const added: string[] = [];
  const kept: string[] = [];
  // Sorted, so the startup log reads the same whatever order the parser returns.
  const entries = Object.entries(parseEnv(text)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of entries) {
    // An empty line such as `SLACK_BOT_TOKEN=` (as in .env.example) means "not set", not "set to nothing".
    if (value === '') continue;
    if (env[name] !== undefined) {
      kept.push(name);
      continue;
    }
    env[name] = value;
    added.push(name);
  }
  return { file: path, added, kept };
}

/** One line for the startup log: the file and the names it set (never their values), and the names it did not. */
export function describeDotEnv(loaded: DotEnvLoaded): string {
  const kept = loaded.kept.length === 0 ? '' : `; the environment's own ${loaded.kept.join(', ')} ${loaded.kept.length === 1 ? 'wins' : 'win'} over it`;
  return `configuration: read ${loaded.file} (${loaded.added.join(', ') || 'nothing new'})${kept}`;
}
