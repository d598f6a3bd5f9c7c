/**
 * Replay of the DNS-rebinding probe: a page on attacker.example whose name now resolves to 127.0.0.1 sends
 * requests that reach the server with `Host: attacker.example`. On loopback every route refuses them (421) before
 * anything runs, including Teams' /api/messages (where the probe claimed and decided a case as an officer), Slack's
 * events, /metrics and /healthz. The same requests with this machine's name in Host are served.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest, type RawRequest } from '../channels/web/http-client.js';
import { BOT_USER_ID, TEAM_ID } from '../channels/slack/fake-slack-api.js';
import { SIGNING_SECRET, sign } from '../channels/slack/signed-requests.js';
import { ASKER, OFFICER, cardSubmit, personalMessage } from '../channels/teams/harness.js';
import { startFullServer, type FullServer } from './full-server.js';

const FORGED_HOSTS = ['attacker.example', 'attacker.example:3978', 'localhost.attacker.example', '127.0.0.1.nip.io'];

let s: FullServer;

beforeAll(async () => {
  s = await startFullServer();
});

afterAll(async () => {
  await s.close();
});

beforeEach(() => {
  s.slackApi.reset();
  s.emulator.activities.length = 0;
});

function slackEvent(text: string): { body: string; headers: Record<string, string> } {
  const ts = Math.floor(Date.now() / 1000);
  const event = { type: 'app_mention', user: 'U_ASKER', channel: 'C_REBIND', ts: `${ts}.000100`, event_ts: `${ts}.000100`, text: `<@${BOT_USER_ID}> ${text}` };
  const body = JSON.stringify({ type: 'event_callback', team_id: TEAM_ID, api_app_id: 'A_TEST', event_id: `EvRebind${Math.random().toString(36).slice(2)}`, event });
  return { body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(SIGNING_SECRET, ts, body) } };
}

/** One request per route the server has, each as a page on another site would send it. */
function probes(): { readonly route: string; readonly init: RawRequest }[] {
  const slack = slackEvent('Do dysprosium magnets from China to Germany need a licence?');
  const teams = personalMessage(s.emulator, 'Do dysprosium magnets from China to Germany need a licence?', ASKER);
  const json = { 'content-type': 'application/json' };
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  return [
    { route: 'GET /', init: {} },
    { route: 'GET /console', init: {} },
    { route: 'GET /console/rules', init: {} },
    { route: 'GET /console/audit.csv', init: {} },
    { route: 'GET /sources', init: {} },
    { route: 'GET /login', init: {} },
    { route: 'GET /assets/chat.js', init: {} },
    { route: 'GET /api/chat/session', init: {} },
    { route: 'GET /api/chat/inbox', init: {} },
    { route: 'POST /api/chat/messages', init: { method: 'POST', headers: json, body: JSON.stringify({ text: 'hello' }) } },
    { route: 'POST /login', init: { method: 'POST', headers: form, body: 'token=guess' } },
    { route: 'POST /logout', init: { method: 'POST', headers: form, body: '' } },
    { route: 'POST /api/messages', init: { method: 'POST', headers: json, body: JSON.stringify(teams) } },
    { route: 'POST /slack/events', init: { method: 'POST', headers: slack.headers, body: slack.body } },
    { route: 'GET /metrics', init: {} },
    { route: 'GET /healthz', init: {} },
    { route: 'GET /no-such-page', init: {} },
  ];
}

async function send(route: string, init: RawRequest, host: string): Promise<{ status: number; body: string }> {
  const path = route.slice(route.indexOf(' ') + 1);
  return rawRequest(`${s.url}${path}`, { ...init, headers: { ...init.headers, host } });
}

describe('DNS rebinding: a Host naming another site', () => {
  it('is refused with 421 on every route, before anything is answered, posted or recorded', async () => {
    const auditBefore = s.app.cases.audit.records().length;
    for (const host of FORGED_HOSTS) {
      for (const { route, init } of probes()) {
        const res = await send(route, init, host);
        expect(res.status, `${route} with Host: ${host}`).toBe(421);
        expect(res.body, `${route} with Host: ${host}`).not.toMatch(/lodestone_|rulesVersion|process_|nodejs_/);
      }
    }
    await s.slackIdle();
    expect(s.slackApi.calls).toHaveLength(0);
    expect(s.emulator.activities).toHaveLength(0);
    expect(s.app.cases.audit.records()).toHaveLength(auditBefore);
  });

  it("is not refused when Host names this machine, so the probes above reached real routes", async () => {
    for (const host of [`127.0.0.1:${s.port}`, `localhost:${s.port}`]) {
      for (const { route, init } of probes()) {
        expect((await send(route, init, host)).status, `${route} with Host: ${host}`).not.toBe(421);
      }
    }
  });

  it("cannot decide a case as an officer: the probe's not_required, reusable decision is refused and the case stays open", async () => {
    const asked = await rawRequest(`${s.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: `localhost:${s.port}` },
      body: JSON.stringify(personalMessage(s.emulator, 'I need to talk to a compliance officer about exporting dysprosium magnets to Spain.', ASKER)),
    });
    expect(asked.status).toBe(200);
    const [open] = s.app.cases.list({ state: 'open' });
    if (!open) throw new Error('no case was opened');
    const decide = cardSubmit(s.emulator, { action: 'decide', caseId: open.id, verdict: 'not_required', reusable: 'true' }, OFFICER, 'channel');
    const claim = cardSubmit(s.emulator, { action: 'claim', caseId: open.id }, OFFICER, 'channel');

    for (const activity of [claim, decide]) {
      const res = await rawRequest(`${s.url}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', host: 'attacker.example' }, body: JSON.stringify(activity),
      });
      expect(res.status).toBe(421);
    }
    expect(s.app.cases.get(open.id)?.state).toBe('open');

    // Even with a Host that passes, local mode has no caller identity: officer actions stay off by default.
    for (const activity of [claim, decide]) {
      await rawRequest(`${s.url}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', host: `127.0.0.1:${s.port}` }, body: JSON.stringify(activity),
      });
    }
    expect(s.app.cases.get(open.id)?.state).toBe('open');
    expect(s.app.cases.get(open.id)?.resolution).toBeNull();
  });

  it('cannot make local-mode Teams post to another port on this machine', async () => {
    const elsewhere = `http://127.0.0.1:${s.port}/`;
    const res = await rawRequest(`${s.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: `127.0.0.1:${s.port}` },
      body: JSON.stringify({ ...personalMessage(s.emulator, 'hello', ASKER), serviceUrl: elsewhere }),
    });
    expect(res.status).toBe(403);
    expect(s.emulator.activities).toHaveLength(0);
  });
});
