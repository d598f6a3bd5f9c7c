/**
 * Probe replay (issue 12, defects 5 and 6): a database with three pages overwritten, and an auditor's read-only copy.
 * The real server (src/main.ts) and the real CLI (`lodestone audit verify`) run as their own processes, bundled once.
 * When the tests run as root, the read-only verify runs as `nobody`, since root may write to any file.
 */
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditAnchors, defaultAnchorPath } from '../../src/cases/audit-anchor.js';
import { CaseService } from '../../src/cases/case-service.js';
import { bundleEntry, type Bundle } from '../support/bundle.js';
import { runNode } from '../support/run-node.js';
import { escalation, message, officer, officers, reply } from '../cases/fixtures.js';

let cli: Bundle;
let server: Bundle;
let work: string;

beforeAll(async () => {
  [cli, server] = await Promise.all([
    bundleEntry('src/channels/cli/bin.ts', 'security-cli'),
    bundleEntry('src/main.ts', 'security-main'),
  ]);
  work = mkdtempSync(join(tmpdir(), 'lodestone-dbfiles-'));
  chmodSync(work, 0o755);
}, 120_000);

afterAll(() => {
  cli.remove();
  server.remove();
  rmSync(work, { recursive: true, force: true });
});

/** A data folder with a database of real cases and audit records, anchored, closed cleanly (no -wal left). */
function seededDataDir(name: string, questions = 150): { dir: string; file: string; anchorFile: string } {
  const dir = join(work, name);
  mkdirSync(dir);
  const file = join(dir, 'lodestone.db');
  const anchors = new AuditAnchors({ file: defaultAnchorPath(file) });
  const svc = new CaseService({ db: file, officers, anchors });
  svc.db.transaction(() => {
    for (let i = 0; i < questions; i++) svc.recordQuestion(message(`Question ${i}: ${'Dy magnets from Ningbo to Germany. '.repeat(8)}`), reply());
  })();
  const { case: c } = svc.openCase(escalation());
  svc.decide(c.id, officer, { verdict: 'license_required', note: 'Apply for a licence.' });
  anchors.anchor(svc.db, 'shutdown');
  svc.close();
  return { dir, file, anchorFile: anchors.file };
}

/** What the probe did: overwrite three pages in the middle of the file. */
function overwritePages(file: string, pages: readonly number[]): void {
  const fd = openSync(file, 'r+');
  for (const page of pages) writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, page * 4096);
  closeSync(fd);
}

describe('probe: a corrupt database', () => {
  it('stops the server at start with one line naming the file, and a non-zero exit', async () => {
    const { dir, file } = seededDataDir('corrupt-start');
    overwritePages(file, [3, 7, 11]);
    const r = await runNode(server.file, [], { DATA_DIR: dir, PORT: '0' }, { until: /listening/ });
    expect(r.stillRunning).toBe(false);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lodestone: cannot start: /);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(/corrupt/);
  }, 60_000);

  it('makes `audit verify` fail, naming the file, instead of saying ok', async () => {
    const { dir, file } = seededDataDir('corrupt-verify');
    overwritePages(file, [3, 7, 11]);
    const r = await runNode(cli.file, ['audit', 'verify'], { DATA_DIR: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(file);
    expect(r.stdout + r.stderr).toMatch(/CORRUPT/);
    expect(r.stdout).not.toMatch(/^ok/m);
  }, 60_000);
});

describe('probe: a read-only archive', () => {
  it('verifies a read-only copy in a read-only folder, writing nothing', async () => {
    const { file, anchorFile } = seededDataDir('live');
    const archive = join(work, 'archive');
    mkdirSync(archive);
    copyFileSync(file, join(archive, 'lodestone.db'));
    copyFileSync(anchorFile, join(archive, 'lodestone-audit-anchors.jsonl'));
    const before = readFileSync(join(archive, 'lodestone.db'));
    chmodSync(join(archive, 'lodestone.db'), 0o444);
    chmodSync(archive, 0o555);
    try {
      const r = await runNode(cli.file, ['audit', 'verify'], { DATA_DIR: archive }, { asNobody: true });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^ok: 302 records/m);
      expect(r.code).toBe(0);
      expect(readdirSync(archive).sort()).toEqual(['lodestone-audit-anchors.jsonl', 'lodestone.db']);
      expect(readFileSync(join(archive, 'lodestone.db')).equals(before)).toBe(true);
    } finally {
      chmodSync(archive, 0o755);
    }
  }, 60_000);

  it('says plainly when a copy left a write-ahead log it cannot read without write access', async () => {
    const { file } = seededDataDir('live-wal', 5);
    const archive = join(work, 'archive-wal');
    mkdirSync(archive);
    copyFileSync(file, join(archive, 'lodestone.db'));
    // A -wal the copy brought along: without the -shm beside it SQLite needs to write to read it.
    copyFileSync(file, join(archive, 'lodestone.db-wal'));
    chmodSync(archive, 0o555);
    try {
      const r = await runNode(cli.file, ['audit', 'verify'], { DATA_DIR: archive }, { asNobody: true });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('lodestone.db-wal');
      expect(existsSync(join(archive, 'lodestone.db-shm'))).toBe(false);
    } finally {
      chmodSync(archive, 0o755);
    }
  }, 60_000);
});
