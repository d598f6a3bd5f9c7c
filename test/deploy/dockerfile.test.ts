/**
 * The Dockerfile, linted without Docker (scripts/check-dockerfile.mjs): the repository's passes, and each thing the
 * deployment relies on is caught when it is missing. `.ci/run` also runs its steps (scripts/dockerfile-dry-run.mjs).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types; checkDockerfile(file, context) returns string[]
import { checkDockerfile as check } from '../../scripts/check-dockerfile.mjs';

const checkDockerfile = check as (file: string, context?: string) => string[];
const ROOT = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'lodestone-dockerfile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function variant(edit: (text: string) => string): string[] {
  const file = join(tmp, 'Dockerfile');
  writeFileSync(file, edit(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')));
  return checkDockerfile(file, ROOT).map((p) => p.slice(file.length + 1));
}

describe('the Dockerfile', () => {
  it('passes the lint', () => {
    expect(checkDockerfile(join(ROOT, 'Dockerfile'))).toEqual([]);
  });

  it('is caught running as root, without a health check, or with a shell-form CMD', () => {
    expect(variant((t) => t.replace('USER node\n', '').replace(/^HEALTHCHECK .*\n/m, '').replace(/^CMD .*$/m, 'CMD node dist/src/main.js')))
      .toEqual([
        expect.stringMatching(/the final stage runs as root/),
        expect.stringMatching(/CMD in shell form/),
        expect.stringMatching(/no HEALTHCHECK/),
      ]);
  });

  it('is caught without npm ci, with an unpinned image, or with the data outside a volume', () => {
    expect(variant((t) => t.replace('RUN npm ci\n', 'RUN npm install\n').replace('FROM node:20-bookworm-slim AS runtime', 'FROM node AS runtime').replace('VOLUME ["/data"]', 'VOLUME ["/var/lib/x"]')))
      .toEqual([
        expect.stringMatching(/base image node is not pinned/),
        expect.stringMatching(/no RUN npm ci/),
        expect.stringMatching(/npm install: use npm ci/),
        expect.stringMatching(/DATA_DIR \/data is not a VOLUME/),
      ]);
  });

  it('is caught copying what is not in the build context or is excluded by .dockerignore', () => {
    expect(variant((t) => t.replace('COPY rules ./rules', 'COPY rulez ./rules\nCOPY node_modules ./node_modules')))
      .toEqual([
        expect.stringMatching(/COPY rulez: not in the build context/),
        expect.stringMatching(/COPY node_modules: excluded by \.dockerignore/),
      ]);
  });
});
