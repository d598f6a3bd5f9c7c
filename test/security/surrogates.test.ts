/**
 * Probe replay (issue 12, defect 1): a chat message or a user id holding an unpaired UTF-16 surrogate, sent through
 * the real web, Slack and Teams channels. The audit chain must still verify, and what was stored must be exactly the
 * well-formed text (each unpaired surrogate one U+FFFD), not the three replacement characters SQLite reads back when
 * the raw string reaches it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { newMessage } from '../../src/contracts/message.js';
import { BOT_USER_ID } from '../channels/slack/fake-slack-api.js';
import { startHarness, type Harness } from '../channels/slack/harness.js';
import { FakeConnector } from '../channels/teams/fake-connector.js';
import { personalMessage, startLodestone, type Lodestone } from '../channels/teams/harness.js';
import { Client } from '../channels/web/http-client.js';
import { startWebServer, type WebServer } from '../channels/web/web-server.js';

const LONE = '\ud800';
const MISSILES = 'Can we export terbium-containing magnets from China to a European company that builds missiles?';

/** The audit chain verifies, and the one case opened holds the question exactly as `wellFormed` makes it. */
function expectStoredWellFormed(app: App, question: string, asker?: string): void {
  expect(app.cases.audit.verifyAudit()).toMatchObject({ ok: true });
  const [c, ...more] = app.cases.list({ limit: 10 });
  expect(more).toHaveLength(0);
  expect(c?.question).toBe(question.toWellFormed());
  if (asker !== undefined) expect(c?.asker.user).toBe(asker.toWellFormed());
  const texts = app.cases.audit.records().map((r) => r.text).filter((t) => t !== null);
  expect(texts).toContain(question.toWellFormed());
}

describe('the Message every channel builds', () => {
  it('is well-formed in every text field', () => {
    const m = newMessage({
      id: `id${LONE}`, text: `Dy ${LONE}`, user: `u${LONE}`, userName: `n${LONE}`, conversation: `c${LONE}`,
      channel: 'cli', receivedAt: new Date(0),
    });
    expect(m).toMatchObject({ id: 'id\ufffd', text: 'Dy \ufffd', user: 'u\ufffd', userName: 'n\ufffd', conversation: 'c\ufffd' });
  });
});

describe('probe: an unpaired surrogate through each channel', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('web chat: the question is stored well-formed and the audit chain verifies', async () => {
    const server: WebServer = await startWebServer();
    close = () => server.close();
    const client = new Client(server.url);
    const { csrfToken } = (await (await client.get('/api/chat/session')).json()) as { csrfToken: string };
    const question = `${MISSILES} ${LONE}`;
    expect((await client.postJson('/api/chat/messages', { text: question }, { headers: { 'x-csrf-token': csrfToken } })).status).toBe(200);
    expect((await client.postJson('/api/chat/messages', { text: 'I want to talk to compliance' }, { headers: { 'x-csrf-token': csrfToken } })).status).toBe(200);
    expectStoredWellFormed(server.app, question);
  });

  it('Slack: a mention with an unpaired surrogate is stored well-formed and the audit chain verifies', async () => {
    const h: Harness = await startHarness();
    close = () => h.close();
    const ts = '1720000999.000100';
    const res = await h.send.event({ type: 'app_mention', user: 'U_ASKER', channel: 'C_SURR', ts, event_ts: ts, text: `<@${BOT_USER_ID}> ${MISSILES} Dy ${LONE}` });
    expect(res.status).toBe(200);
    await h.slack.idle();
    expectStoredWellFormed(h.app, `${MISSILES} Dy ${LONE}`);
  });

  it('Teams: a from.id with an unpaired surrogate is stored well-formed and the audit chain verifies', async () => {
    const fake = await FakeConnector.start();
    const teams: Lodestone = await startLodestone({ emulator: fake });
    close = async () => {
      await teams.close();
      await fake.close();
    };
    // The emulator's kind of sender: no AAD object id, so from.id is the user id.
    const res = await teams.post({ ...personalMessage(fake, `${MISSILES} ${LONE}`), from: { id: `29:${LONE}`, name: 'Ada' } });
    expect(res.status).toBeLessThan(300);
    expectStoredWellFormed(teams.app, `${MISSILES} ${LONE}`, `29:${LONE}`);
  });
});
