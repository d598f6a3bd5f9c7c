// node scripts/dockerfile-dry-run.mjs: runs the Dockerfile's steps without Docker, for machines that cannot run
// it (like CI here): each stage gets its own directory standing in for its filesystem; COPY copies from this
// repository (or an earlier stage), RUN runs the npm and npx steps (`npm ci`, the build, `npm prune --omit=dev`)
// in it, ENV and WORKDIR apply, and the last stage's CMD is started with its ENV and polled with its HEALTHCHECK
// until /healthz answers. What only an image can do (apt-get, chown, USER) is listed as skipped.
// The server listens on 127.0.0.1 and a free port here, not the image's 0.0.0.0:3978, and DATA_DIR is a temp dir.
import { execSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { copyArgs, envPairs, execForm, readDockerfile } from './dockerfile.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stdout.write(`dockerfile-dry-run: ${line}\n`);
/** Steps that need the image's operating system; the machine running this has Node and a compiler already. */
const SYSTEM_STEP = /^(apt-get|apk|mkdir -p \/|chown|useradd|adduser)\b/;

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function main() {
  const keep = process.argv.includes('--keep');
  const work = mkdtempSync(join(tmpdir(), 'lodestone-dockerfile-'));
  const all = readDockerfile(join(root, 'Dockerfile'));
  const fsOf = new Map();
  let final;
  try {
    for (const stage of all) {
      const name = stage.name ?? `stage${fsOf.size}`;
      const fsRoot = join(work, name);
      mkdirSync(fsRoot, { recursive: true });
      fsOf.set(name, fsRoot);
      let cwd = fsRoot;
      const env = {};
      const at = (p) => (posix.isAbsolute(p) ? join(fsRoot, p) : join(cwd, p));
      say(`stage ${name} (FROM ${stage.image})`);
      for (const ins of stage.instructions) {
        switch (ins.keyword) {
          case 'WORKDIR':
            cwd = at(ins.rest);
            mkdirSync(cwd, { recursive: true });
            break;
          case 'ENV':
            for (const [k, v] of envPairs(ins.rest)) env[k] = v;
            break;
          case 'COPY': {
            const { sources, dest } = copyArgs(ins.rest);
            const from = ins.flags.from ? fsOf.get(ins.flags.from) : root;
            if (!from) throw new Error(`line ${ins.line}: no stage ${ins.flags.from}`);
            const into = at(dest);
            for (const src of sources) {
              const source = ins.flags.from ? join(from, src) : join(root, src);
              const target = sources.length > 1 || dest.endsWith('/') || dest === '.' ? join(into, posix.basename(src)) : into;
              cpSync(source, target, { recursive: true });
            }
            say(`  COPY ${ins.rest}`);
            break;
          }
          case 'RUN': {
            if (SYSTEM_STEP.test(ins.rest)) {
              say(`  skipped (needs the image's OS): RUN ${ins.rest.slice(0, 90)}`);
              break;
            }
            say(`  RUN ${ins.rest}`);
            const t0 = Date.now();
            const r = spawnSync('sh', ['-c', ins.rest], { cwd, env: { ...process.env, ...env }, stdio: 'inherit' });
            if (r.status !== 0) throw new Error(`line ${ins.line}: RUN ${ins.rest} exited ${r.status}`);
            say(`    done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
            break;
          }
          case 'USER': case 'VOLUME': case 'EXPOSE': case 'HEALTHCHECK': case 'CMD': case 'ARG': case 'LABEL':
            break;
          default:
            throw new Error(`line ${ins.line}: ${ins.keyword} is not understood by this dry run`);
        }
      }
      final = { stage, cwd, env };
    }
    if (!final) throw new Error('no stage');
    const cmd = execForm(final.stage.instructions.filter((i) => i.keyword === 'CMD').at(-1)?.rest ?? '');
    const health = execForm(final.stage.instructions.filter((i) => i.keyword === 'HEALTHCHECK').at(-1)?.rest.replace(/^CMD\s+/, '') ?? '');
    if (!cmd || !health) throw new Error('the last stage needs an exec-form CMD and HEALTHCHECK CMD');
    const port = await freePort();
    const env = { PATH: process.env.PATH, ...final.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: join(work, 'data') };
    const run = (argv) => [argv[0] === 'node' ? process.execPath : argv[0], argv.slice(1)];
    const [bin, args] = run(cmd);
    say(`start: ${cmd.join(' ')} (HOST=127.0.0.1 PORT=${port} DATA_DIR=${env.DATA_DIR})`);
    const server = spawn(bin, args, { cwd: final.cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    let exited;
    server.once('exit', (code) => { exited = code; });
    const deadline = Date.now() + 120_000;
    let healthy = false;
    while (!healthy && exited === undefined && Date.now() < deadline) {
      await sleep(1000);
      const [hbin, hargs] = run(health);
      healthy = spawnSync(hbin, hargs, { env }).status === 0;
    }
    if (!healthy) {
      server.kill('SIGKILL');
      throw new Error(exited !== undefined ? `the server exited (${exited}) before /healthz answered` : 'the HEALTHCHECK did not pass within 120 s');
    }
    say(`HEALTHCHECK passed: http://127.0.0.1:${port}/healthz answers ${execSync(`${process.execPath} -e "fetch('http://127.0.0.1:${port}/healthz').then(r=>r.text()).then(t=>process.stdout.write(t))"`, { encoding: 'utf8' })}`);
    const code = await new Promise((res) => {
      if (exited !== undefined) res(exited);
      server.once('exit', res);
      server.kill('SIGTERM');
    });
    if (code !== 0) throw new Error(`the server exited ${code} on SIGTERM`);
    say('ok: built, started, healthy, stopped cleanly');
  } finally {
    if (keep) say(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`dockerfile-dry-run: FAILED: ${e.message}\n`);
  process.exit(1);
});
