/**
 * The compliance console over plain HTTP: case lists, officer actions, the audit log and the rules browser. One suite
 * on both engines: the app on SQLite, and the app several instances run on PostgreSQL (a fresh database each test).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { caseTrace } from '../../../src/cases/case-decision.js';
import { ruleStatus } from '../../../src/rules/rule-status.js';
import { RULE_STATUS_LABELS } from '../../../src/channels/web/labels.js';
import { useThrowawayPostgres } from '../../support/postgres.js';
import { Client } from './http-client.js';
import { startPostgresWebServer, startWebServer, type AnyWebServer } from './web-server.js';

const cluster = useThrowawayPostgres();
const engines = {
  sqlite: (): Promise<AnyWebServer> => startWebServer(),
  postgres: async (): Promise<AnyWebServer> => startPostgresWebServer(await cluster().freshDatabase()),
};

describe.each(Object.entries(engines))('the console on %s', (_engine, start) => {
  let server: AnyWebServer;
  let asker: Client;
  let officer: Client;

  beforeEach(async () => {
    server = await start();
    asker = new Client(server.url);
    officer = new Client(server.url);
  });

  afterEach(async () => {
    await server.close();
  });

  const caseOf = (id: string) => server.app.desk.get(id);

  /** The asker asks, then escalates: case C-000001 opens for their web conversation. */
  async function escalate(): Promise<void> {
    const csrf = await asker.csrf();
    await asker.postForm('/chat', { csrf, text: "Sintered NdFeB magnets with 5% dysprosium shipped from Ningbo to Germany" });
    await asker.postForm('/chat', { csrf, text: 'I want to talk to compliance' });
  }

  describe('officer actions', () => {
    test("claim and decide through the forms; the decision reaches the asker's inbox", async () => {
      await escalate();
      const csrf = await officer.csrf('/console');
      const claim = await officer.postForm('/console/cases/C-000001/claim', { csrf, officer: 'console' });
      expect(claim.status).toBe(303);
      expect(claim.headers.get('location')).toBe('/console/cases/C-000001?done=claimed#main');
      expect((await caseOf('C-000001'))?.claimedBy?.user).toBe('console');

      const decide = await officer.postForm('/console/cases/C-000001/decide', {
        csrf, officer: 'console', verdict: 'license_required', note: 'Apply through the exporter.', reusable: 'on',
      });
      expect(decide.status).toBe(303);
      const resolution = (await caseOf('C-000001'))?.resolution;
      expect(resolution).toMatchObject({ decision: 'license_required', note: 'Apply through the exporter.', reusable: true });

      await server.dispatcher.runOnce();
      const inbox = (await (await asker.get('/api/chat/inbox?after=0')).json()) as { items: { caseId: string; decision: string; html: string }[]; last: number };
      expect(inbox.items).toHaveLength(1);
      expect(inbox.items[0]).toMatchObject({ caseId: 'C-000001', decision: 'license_required' });
      expect(inbox.items[0]?.html).toContain('Compliance decision on case C-000001');
      const later = (await (await asker.get(`/api/chat/inbox?after=${inbox.last}`)).json()) as { items: unknown[] };
      expect(later.items).toEqual([]);
      // Another session does not see it.
      const stranger = new Client(server.url);
      await stranger.get('/');
      expect(((await (await stranger.get('/api/chat/inbox')).json()) as { items: unknown[] }).items).toEqual([]);
    });

    test('a name that is not an officer is refused with 403 and the reason, and the case stays open', async () => {
      await escalate();
      const csrf = await officer.csrf('/console');
      const res = await officer.postForm('/console/cases/C-000001/claim', { csrf, officer: 'mallory' });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('is not a compliance officer');
      expect((await caseOf('C-000001'))?.state).toBe('open');
    });

    test('a decision without a verdict is refused with 400; a note needs text', async () => {
      await escalate();
      const csrf = await officer.csrf('/console');
      const res = await officer.postForm('/console/cases/C-000001/decide', { csrf, officer: 'console', verdict: '' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('verdict');
      const note = await officer.postForm('/console/cases/C-000001/note', { csrf, officer: 'console', note: '   ' });
      expect(note.status).toBe(400);
      expect((await caseOf('C-000001'))?.state).toBe('open');
    });

    test('a note is added and an officer note typed with markup is shown as text', async () => {
      await escalate();
      const csrf = await officer.csrf('/console');
      await officer.postForm('/console/cases/C-000001/note', { csrf, officer: 'console', note: 'Checked <b>HS 8505</b>' });
      const page = await (await officer.get('/console/cases/C-000001?done=noted')).text();
      expect(page).toContain('Note added.');
      expect(page).toContain('Checked &lt;b&gt;HS 8505&lt;/b&gt;');
    });

    test('deciding a resolved case is refused with 409; reopening it works', async () => {
      await escalate();
      const csrf = await officer.csrf('/console');
      await officer.postForm('/console/cases/C-000001/decide', { csrf, officer: 'console', verdict: 'not_required' });
      const again = await officer.postForm('/console/cases/C-000001/decide', { csrf, officer: 'console', verdict: 'prohibited' });
      expect(again.status).toBe(409);
      const reopen = await officer.postForm('/console/cases/C-000001/reopen', { csrf, officer: 'console', reason: 'New end-user information.' });
      expect(reopen.status).toBe(303);
      expect((await caseOf('C-000001'))?.state).toBe('reopened');
    });
  });

  describe('case pages', () => {
    test('the list filters by state, and "open" includes reopened cases', async () => {
      await escalate();
      const open = await (await officer.get('/console?state=open')).text();
      expect(open).toContain('href="/console/cases/C-000001"');
      expect(await (await officer.get('/console?state=resolved')).text()).not.toContain('href="/console/cases/C-000001"');
      const csrf = await officer.csrf('/console');
      await officer.postForm('/console/cases/C-000001/decide', { csrf, officer: 'console', verdict: 'not_required' });
      expect(await (await officer.get('/console?state=resolved')).text()).toContain('href="/console/cases/C-000001"');
      await officer.postForm('/console/cases/C-000001/reopen', { csrf, officer: 'console', reason: 'Wrong destination.' });
      expect(await (await officer.get('/console?state=open')).text()).toContain('href="/console/cases/C-000001"');
    });

    test("the case page shows the facts, the conversation and each rule's conditions with expected and actual values", async () => {
      await escalate();
      const page = await (await officer.get('/console/cases/C-000001')).text();
      const view = await caseOf('C-000001');
      expect(page).toContain('<code>destination</code></dt><dd>DE</dd>');
      expect(page).toContain('Sintered NdFeB magnets with 5% dysprosium');
      // The trace is worked out again from the case's facts under the same rules version: every rule evaluated shows.
      const trace = view === undefined ? undefined : caseTrace(server.app.rules, view);
      expect(trace?.length).toBeGreaterThan(0);
      for (const rule of trace ?? []) expect(page).toContain(`<code>${rule.ruleId}</code>`);
      for (const id of view?.decision.ruleIds ?? []) expect(page).toMatch(new RegExp(`<details class="rule-result" open>\\s*<summary><span class="rule-title">[^<]*</span> <code>${id}</code>`));
      expect(page).toContain('<th scope="col">Expected</th><th scope="col">Actual</th><th scope="col">Result</th>');
      expect(page).toContain('shipped from China');
      // The officer sees the question as Lodestone read it, as the asker did.
      expect(page).toMatch(/<p class="read-as">I read this as: [^<]*to Germany\.<\/p>/);
    });

    test('alerts posted to the web channel are listed in the console', async () => {
      await server.web.humanChannel?.postAlert('Rule no57-items: status unknown since 2026-11-10', 'horizon:no57:2026-11-10');
      await server.web.humanChannel?.postAlert('Rule no57-items: status unknown since 2026-11-10', 'horizon:no57:2026-11-10');
      const page = await (await officer.get('/console')).text();
      expect(page.match(/status unknown since 2026-11-10/g)).toHaveLength(1);
    });
  });

  describe('audit log', () => {
    test('the audit page says the chain verifies; the CSV export holds every record', async () => {
      await escalate();
      const page = await (await officer.get('/console/audit')).text();
      expect(page).toContain('The chain verifies.');
      const csv = await officer.get('/console/audit.csv');
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?lodestone-audit-\d{4}-\d{2}-\d{2}\.csv"?$/);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toBe('seq,at,kind,actor,payload,text,text_hash,prev_hash,hash,redacted_at');
      expect(lines).toHaveLength((await server.app.trail.latest(1)).total + 1);
    });

    test('a tampered audit log is reported as broken, with the first bad record', async () => {
      await escalate();
      const forge = `UPDATE audit_log SET payload = '{"forged":true}' WHERE seq = 2;`;
      await server.sql({
        sqlite: `DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_only_redaction; ${forge}`,
        postgres: `ALTER TABLE audit_log DISABLE TRIGGER USER; ${forge}`,
      });
      const page = await (await officer.get('/console/audit')).text();
      expect(page).toContain('The chain is broken at record #2');
      expect(page).toContain('hash_mismatch');
    });

    test('a case whose decision was changed behind the console is reported against its audit records', async () => {
      await escalate();
      const csrf = await officer.csrf('/console');
      await officer.postForm('/console/cases/C-000001/decide', { csrf, officer: 'console', verdict: 'prohibited', note: 'No.' });
      expect(await (await officer.get('/console/audit')).text()).toContain('Cases checked against their audit records: 1, all match.');
      await server.sql({
        sqlite: `UPDATE cases SET resolution = json_set(resolution, '$.decision', 'not_required', '$.reusable', json('true')) WHERE num = 1`,
        postgres: `UPDATE cases SET resolution = (resolution::jsonb || '{"decision":"not_required","reusable":true}')::text WHERE num = 1`,
      });
      const page = await (await officer.get('/console/audit')).text();
      expect(page).toContain('The audit trail does not verify</strong> (case_mismatch): case C-000001: its decision is not the one audited');
    });
  });

  describe('rules browser', () => {
    test("shows each rule's status on the chosen day, as ruleStatus gives it", async () => {
      const day = '2025-10-20';
      const page = await (await officer.get(`/console/rules?asOf=${day}`)).text();
      expect(page).toContain(`Status on ${day}`);
      for (const rule of server.app.rules.rules) {
        const row = new RegExp(`<tr id="rule-${rule.id}">[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';
        expect(row, rule.id).toContain(RULE_STATUS_LABELS[ruleStatus(rule, day).kind]);
      }
      expect(page).toContain(`value="${day}"`);
    });

    test('an invalid date falls back to today rather than failing', async () => {
      const res = await officer.get('/console/rules?asOf=2025-13-45');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Status on 2026-03-02');
    });
  });

  describe('console alerts', () => {
    test('one line per alert with the full text behind a disclosure; acknowledging takes it off the list', async () => {
      const long = 'Rule no57-items: its suspension by CN-ANN-2025-70 ended on 2026-11-10. The rules data records nothing about what followed, so answers escalate until compliance records its status.';
      await server.app.shared.alerts.add('status:no57-items', long, new Date('2026-03-02T08:00:00Z'));
      await server.app.shared.alerts.add('unclaimed:C-000009', 'Case C-000009 has waited a day.', new Date('2026-03-02T09:00:00Z'));
      const csrf = await officer.csrf('/console');
      const before = await (await officer.get('/console')).text();
      expect(before).toContain('<h2 id="alerts-heading">Alerts <span class="count">(2)</span></h2>');
      expect(before).toContain('<details class="alert-line"><summary><time datetime="2026-03-02T08:00:00.000Z">2026-03-02 08:00 UTC</time> <span id="alert-1">Rule no57-items: its suspension by CN-ANN-2025-70 ended on 2026-11-10.</span></summary>');
      expect(before).toContain(`<p>${long}</p>`);
      expect(before).toContain('<p class="alert-line"><time datetime="2026-03-02T09:00:00.000Z">2026-03-02 09:00 UTC</time> <span id="alert-0">Case C-000009 has waited a day.</span></p>');

      const ack = await officer.postForm('/console/alerts/ack', { csrf, key: 'status:no57-items' });
      expect(ack.status).toBe(303);
      const after = await (await officer.get('/console')).text();
      expect(after).toContain('Alerts <span class="count">(1)</span>');
      expect(after).not.toContain('Rule no57-items');
      expect(after).toContain('<p class="hint">1 acknowledged.</p>');

      // Without the session's CSRF token nothing is acknowledged.
      const forged = await officer.postForm('/console/alerts/ack', { csrf: 'wrong', key: 'unclaimed:C-000009' });
      expect(forged.status).toBe(403);
      expect(await (await officer.get('/console')).text()).toContain('Case C-000009 has waited a day.');
    });
  });

  describe('audit log as labelled fields', () => {
    test('the audit page shows each record\'s details as fields, not JSON', async () => {
      await escalate();
      const page = await (await officer.get('/console/audit')).text();
      expect(page).toContain('<dl class="fields">');
      expect(page).toContain('<dt>Case</dt><dd>C-000001</dd>');
      expect(page).not.toContain('class="payload"');
    });
  });
});
