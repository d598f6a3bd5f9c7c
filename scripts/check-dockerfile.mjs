// node scripts/check-dockerfile.mjs [Dockerfile]: lints the Dockerfile (no hadolint here) for what the deployment
// relies on: a multi-stage build that installs with `npm ci` from the lock file, pinned base images, a non-root
// user, the data directory as a volume, the port exposed, a HEALTHCHECK on /healthz, exec-form commands, and COPY
// sources that exist and are not excluded by .dockerignore. One line per problem; exit 1 if any.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { copyArgs, envPairs, execForm, readDockerfile } from './dockerfile.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {string[]} the problems found */
export function checkDockerfile(file, context = dirname(file)) {
  const problems = [];
  const problem = (line, text) => problems.push(`${file}:${line}: ${text}`);
  const all = readDockerfile(file);
  const ignorePath = join(context, '.dockerignore');
  const ignored = existsSync(ignorePath) ? readFileSync(ignorePath, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')) : [];

  if (all.length < 2) problem(1, 'not a multi-stage build (build with the dev dependencies, run without them)');
  const names = new Set();
  for (const s of all) {
    if (!/:[\w.-]+/.test(s.image) || /:latest$/.test(s.image)) problem(s.line, `base image ${s.image} is not pinned to a tag`);
    const copies = s.instructions.filter((i) => i.keyword === 'COPY');
    for (const c of copies) {
      const { sources } = copyArgs(c.rest);
      if (c.flags.from) {
        if (!names.has(c.flags.from)) problem(c.line, `COPY --from=${c.flags.from}: no earlier stage of that name`);
        continue;
      }
      for (const src of sources) {
        if (!existsSync(join(context, src))) problem(c.line, `COPY ${src}: not in the build context`);
        const hit = ignored.find((p) => src === p || src.startsWith(`${p}/`));
        if (hit) problem(c.line, `COPY ${src}: excluded by .dockerignore (${hit})`);
      }
    }
    if (s.instructions.some((i) => i.keyword === 'ADD')) problem(s.line, 'ADD: use COPY (ADD fetches URLs and unpacks archives)');
    if (s.name) names.add(s.name);
  }
  const runs = all.flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN'));
  const ci = runs.findIndex((r) => /\bnpm ci\b/.test(r.rest));
  if (ci < 0) problem(1, 'no RUN npm ci: install exactly what package-lock.json pins');
  if (runs.some((r) => /\bnpm (install|i)\b/.test(r.rest))) problem(runs.find((r) => /\bnpm (install|i)\b/.test(r.rest))?.line ?? 1, 'npm install: use npm ci');

  const final = all.at(-1);
  if (!final) return problems;
  const last = (k) => final.instructions.filter((i) => i.keyword === k).at(-1);
  const env = Object.fromEntries(final.instructions.filter((i) => i.keyword === 'ENV').flatMap((i) => envPairs(i.rest)));
  const user = last('USER');
  if (!user || /^(root|0)(:|$)/.test(user.rest)) problem(user?.line ?? final.line, 'the final stage runs as root: add USER (e.g. node)');
  const cmd = last('CMD');
  if (!cmd) problem(final.line, 'no CMD');
  else if (!execForm(cmd.rest)) problem(cmd.line, 'CMD in shell form: use the exec form, so the server gets SIGTERM');
  if (user && cmd && user.line > cmd.line) problem(user.line, 'USER comes after CMD');
  const health = last('HEALTHCHECK');
  if (!health) problem(final.line, 'no HEALTHCHECK');
  else if (!health.rest.includes('/healthz')) problem(health.line, 'the HEALTHCHECK does not ask /healthz');
  const volume = last('VOLUME');
  const dataDir = env.DATA_DIR;
  if (!dataDir) problem(final.line, 'DATA_DIR is not set: the database would land inside the image');
  else if (!volume || !(execForm(volume.rest) ?? volume.rest.split(/\s+/)).includes(dataDir)) problem(volume?.line ?? final.line, `DATA_DIR ${dataDir} is not a VOLUME`);
  const expose = last('EXPOSE');
  if (!expose || (env.PORT && !expose.rest.split(/\s+/).some((p) => p.split('/')[0] === env.PORT))) problem(expose?.line ?? final.line, `PORT ${env.PORT ?? '?'} is not EXPOSEd`);
  if (env.HOST !== '0.0.0.0' && env.HOST !== '::') problem(final.line, 'HOST is not 0.0.0.0: nothing outside the container could reach it');
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = resolve(process.argv[2] ?? join(root, 'Dockerfile'));
  const problems = checkDockerfile(file);
  for (const p of problems) process.stderr.write(`${p}\n`);
  if (problems.length > 0) process.exit(1);
  process.stdout.write(`ok: ${file}\n`);
}
