/**
 * Recording a rule status through the app: stored, audited, applied to the next answer at once (new verdict, new
 * citation, new rules version), kept across a restart, and a second identical record changes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type ComposedApp } from '../../src/app.js';
import { CaseError } from '../../src/cases/case-error.js';
import { ConfigSchema } from '../../src/config.js';
import { fixedClock } from '../../src/core/clock.js';
import { newMessage } from '../../src/contracts/message.js';
import { RESUMED } from './status-fixtures.js';

const QUESTION = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';

const apps: ComposedApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

function app(dbFile = ':memory:'): ComposedApp {
  const a = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent' }), dbFile, clock: fixedClock('2026-11-30T10:00:00Z') });
  apps.push(a);
  return a;
}

function ask(a: ComposedApp, conversation: string) {
  return a.answer(newMessage({ id: `m-${conversation}`, text: QUESTION, user: 'u1', conversation, channel: 'web', receivedAt: new Date('2026-11-30T10:00:00Z') }));
}

describe('the status desk', () => {
  it('applies a recorded resumption to the next answer, with the new source and rules version, and audits it', () => {
    const a = app();
    const before = ask(a, 'c1');
    expect(before.verdict).toBe('escalate');
    const outcome = a.statusDesk.record(RESUMED);
    expect(outcome.kind).toBe('recorded');
    const after = ask(a, 'c2');
    expect(after.verdict).toBe('license_required');
    expect(after.citations.map((c) => c.source)).toContain('CN-ANN-2026-99');
    expect(after.rulesVersion).toBe(outcome.version);
    expect(after.rulesVersion).not.toBe(before.rulesVersion);
    const audited = a.db.prepare("SELECT actor, payload, text FROM audit_log WHERE kind = 'rule_status' AND json_extract(payload, '$.type') = 'status_recorded'").all() as { actor: string; payload: string; text: string }[];
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actor).toBe('officer-a');
    expect(audited[0]?.text).toBe(RESUMED.why);
    expect(JSON.parse(audited[0]?.payload ?? '{}')).toMatchObject({ target: 'CN-ANN-2025-70', status: 'resumed', previousVersion: before.rulesVersion });
    expect(a.cases.verifyAuditTrail().ok).toBe(true);
  });

  it('changes nothing on a second identical record', () => {
    const a = app();
    const first = a.statusDesk.record(RESUMED);
    const second = a.statusDesk.record({ ...RESUMED, by: 'officer-b' });
    expect(second.kind).toBe('unchanged');
    expect(second.version).toBe(first.version);
    expect(a.statusDesk.list()).toHaveLength(1);
  });

  it('keeps the overlay across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lodestone-desk-')), 'lodestone.db');
    const first = app(file);
    const { version } = first.statusDesk.record(RESUMED);
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    const again = app(file);
    expect(again.rules.version).toBe(version);
    expect(again.statusDesk.hasOverlay('CN-ANN-2025-70')).toBe(true);
    expect(again.statusDesk.statusOn('2026-11-30').find((r) => r.ruleId === 'no61-de-minimis')).toMatchObject({ origin: 'overlay', status: { kind: 'in_force' } });
  }, 60_000);

  it('refuses an invalid record with a typed error and stores nothing', () => {
    const a = app();
    expect(() => a.statusDesk.record({ ...RESUMED, target: 'no-such-rule' })).toThrow(CaseError);
    expect(() => a.statusDesk.record({ ...RESUMED, from: '10 Nov' })).toThrow(/from/);
    expect(a.statusDesk.list()).toHaveLength(0);
  });
});
