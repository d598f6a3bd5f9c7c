/**
 * Bundles a TypeScript entry point (the real `src/main.ts` or CLI) with vite into test-artifacts/, so a test can run
 * it as its own process: Node 20 cannot run TypeScript, and there is no tsx here. The bundle stays inside the repo so
 * its dependencies (better-sqlite3, zod) resolve from node_modules, and the project root (rules/) is found from it.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const REPO = resolve(import.meta.dirname, '../..');

export interface Bundle {
  /** The bundled script, to run with `node`. */
  readonly file: string;
  remove(): void;
}

/**
 * `alongside`: more entry points bundled into the same folder, each as `<key>.mjs` (the server's turn worker,
 * which main.ts looks for next to itself).
 */
export async function bundleEntry(entry: string, name: string, alongside: Record<string, string> = {}): Promise<Bundle> {
  const outDir = join(REPO, 'test-artifacts', `${name}-${process.pid}`);
  await build({
    configFile: false,
    logLevel: 'silent',
    root: REPO,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { input: { [name]: entry, ...alongside }, output: { entryFileNames: '[name].mjs', format: 'es' } },
    },
  });
  return { file: join(outDir, `${name}.mjs`), remove: () => rmSync(outDir, { recursive: true, force: true }) };
}
