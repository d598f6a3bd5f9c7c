import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { caseTrace, compactDecision, decodeStoredDecision } from '../../src/cases/case-decision.js';
import { CaseService } from '../../src/cases/case-service.js';
import { openCaseDatabase } from '../../src/cases/database.js';
import { MIGRATIONS, SCHEMA_VERSION, userVersion } from '../../src/cases/migrations.js';
import { evaluate } from '../../src/rules/engine.js';
import type { Facts } from '../../src/rules/facts.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { escalation, magnetFacts, officers, service } from './fixtures.js';

const rules = loadRuleSet('rules');
const dir = mkdtempSync(join(tmpdir(), 'lodestone-compact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Goods whose end use is unclear: the engine escalates, with a trace over every goods rule. */
const facts: Facts = { ...magnetFacts, shipFrom: 'CN', destination: 'DE' };

function storedDecision(db: Database.Database): Record<string, unknown> {
  return decodeStoredDecision(db.prepare('SELECT decision FROM cases').pluck().get()) as Record<string, unknown>;
}

describe('compact case decisions', () => {
  it('a case keeps the verdict, rule ids, citations and reasons, not the trace, and the trace is worked out again', () => {
    const decision = evaluate(rules, facts, '2026-03-02');
    expect(decision.trace.length).toBeGreaterThan(decision.fired.length);
    const { svc } = service();
    const opened = svc.openCase(escalation({ facts, decision }));
    const stored = storedDecision(svc.db);
    expect(stored).not.toHaveProperty('trace');
    expect(stored).not.toHaveProperty('fired');
    expect(stored['ruleIds']).toEqual(decision.fired.map((r) => r.ruleId));
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(decision).length / 5);
    expect(opened.case.decision).toEqual(compactDecision(decision));
    expect(caseTrace(rules, opened.case)).toEqual(decision.trace);
    svc.close();
  });

  it('a case\'s decision is stored deflated, and one stored as JSON text by an earlier build reads back the same', () => {
    const decision = evaluate(rules, facts, '2026-03-02');
    const { svc } = service();
    const opened = svc.openCase(escalation({ facts, decision }));
    const column = svc.db.prepare('SELECT decision FROM cases').pluck().get();
    expect(column).toBeInstanceOf(Buffer);
    const json = JSON.stringify(compactDecision(decision));
    expect((column as Buffer).byteLength).toBeLessThan(json.length * 0.8);
    svc.db.prepare('UPDATE cases SET decision = ?').run(json);
    expect(svc.get(opened.case.id)?.decision).toEqual(opened.case.decision);
    svc.close();
  });

  it('a decision for a later shipment day keeps the day it was known on, so the trace is the same one', () => {
    const decision = evaluate(rules, facts, '2027-06-01', { knownOn: '2026-03-02' });
    expect(decision.knownOn).toBe('2026-03-02');
    const { svc } = service();
    const opened = svc.openCase(escalation({ facts, decision }));
    expect(opened.case.decision.knownOn).toBe('2026-03-02');
    expect(caseTrace(rules, opened.case)).toEqual(decision.trace);
    svc.close();
  });

  it('under another rules version the trace is not made up from today\'s rules', () => {
    const decision = { ...evaluate(rules, facts, '2026-03-02'), rulesVersion: 'an-older-version' };
    const { svc } = service();
    const opened = svc.openCase(escalation({ facts, decision }));
    expect(caseTrace(rules, opened.case)).toBeUndefined();
    svc.close();
  });

  it('migration 5 rewrites a case written with the whole decision, which reads back as before', () => {
    const decision = evaluate(rules, facts, '2026-03-02');
    const file = join(dir, 'before-5.db');
    const raw = new Database(file);
    for (const step of MIGRATIONS.slice(0, 4)) raw.exec(step);
    raw.pragma('user_version = 4');
    raw.prepare(`INSERT INTO cases (state, conversation_key, facts_key, facts_norm, facts, question, turns, decision, verdict,
      rules_version, asker, reply_to, open_since, created_at, updated_at)
      VALUES ('open', 'slack:C1', 'k', 'k', ?, 'q', '[]', ?, ?, ?, '{"channel":"slack","user":"U1"}',
      '{"channel":"slack","user":"U1","conversation":"C1"}', 't', 't', 't')`)
      .run(JSON.stringify(facts), JSON.stringify(decision), decision.verdict, decision.rulesVersion);
    raw.close();

    const db = openCaseDatabase(file);
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    const stored = storedDecision(db);
    expect(stored).toEqual(compactDecision(decision));
    const svc = new CaseService({ db, officers });
    expect(svc.get('C-000001')?.decision).toEqual(compactDecision(decision));
    db.close();
  });

  it('a row still holding the whole decision (written by an older build after the migration) is read as compact', () => {
    const decision = evaluate(rules, facts, '2026-03-02');
    const { svc } = service();
    svc.openCase(escalation({ facts, decision }));
    svc.db.prepare('UPDATE cases SET decision = ?').run(JSON.stringify(decision));
    expect(svc.get('C-000001')?.decision).toEqual(compactDecision(decision));
    svc.close();
  });
});
