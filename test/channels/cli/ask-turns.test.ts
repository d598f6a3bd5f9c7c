/** `lodestone ask` answers through the server's turn pipeline: escalations open a case, and --audit records them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openReadOnlyDatabase } from '../../../src/cases/database.js';
import { verifyAuditTrail } from '../../../src/cases/audit-verify.js';
import { run } from '../../../src/channels/cli/run.js';

async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: () => '' });
  return { code, out, err };
}

const ESCALATE = 'I want to talk to compliance about our terbium oxide shipment to Korea.';
let dir: string | undefined;

afterEach(() => {
  vi.unstubAllEnvs();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('lodestone ask as a chat turn', () => {
  it('opens a case for an escalation instead of saying to contact compliance directly, and says it is not recorded', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lodestone-cli-'));
    vi.stubEnv('DATA_DIR', dir);
    const r = await cli(['ask', '--as-of', '2026-03-01', '--json', ESCALATE]);
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.out[0] ?? '{}') as { escalation?: { state: string; caseId?: string; note?: string } };
    expect(reply.escalation).toMatchObject({ state: 'opened', caseId: 'C-000001' });
    expect(r.out.join('\n')).not.toMatch(/contact compliance directly/);

    const text = await cli(['ask', '--as-of', '2026-03-01', ESCALATE]);
    expect(text.out.join('\n')).toContain('C-000001 is held in memory only');
    // Nothing was written to DATA_DIR without --audit.
    expect(() => openReadOnlyDatabase(join(dir ?? '', 'lodestone.db'))).toThrow(/no database/);
  });

  it('with --audit records the question, the answer and the case in the server database, and the trail verifies', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lodestone-cli-'));
    vi.stubEnv('DATA_DIR', dir);
    const r = await cli(['ask', '--as-of', '2026-03-01', '--audit', ESCALATE]);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).not.toContain('held in memory only');
    const db = openReadOnlyDatabase(join(dir, 'lodestone.db'));
    const kinds = db.prepare('SELECT kind FROM audit_log ORDER BY seq').all().map((row) => (row as { kind: string }).kind).sort();
    expect(kinds).toEqual(['answer', 'escalation', 'question']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM cases').get()).toEqual({ n: 1 });
    expect(verifyAuditTrail(db)).toMatchObject({ ok: true, count: 3, cases: 1 });
    db.close();
  });
});
