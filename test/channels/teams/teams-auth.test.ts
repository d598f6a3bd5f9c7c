/**
 * With MICROSOFT_APP_ID set, /api/messages takes only activities carrying a valid Bot Framework token. The fake
 * connector publishes the signing keys (botbuilder fetches them from the OpenID metadata URL), so the real JWT
 * validation runs without the network.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeConnector } from './fake-connector.js';
import { BOT, TENANT, nextId, personalMessage, startLodestone, type Lodestone } from './harness.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const KID = 'fake-bot-framework-key';

function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function sign(claims: Record<string, unknown>, key: KeyObject, kid = KID): string {
  const head = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${base64url(signature)}`;
}

let fake: FakeConnector;
let lode: Lodestone;
const trusted = keyPair();
const stranger = keyPair();

beforeAll(async () => {
  fake = await FakeConnector.start();
  fake.keys = [{ kty: 'RSA', use: 'sig', kid: KID, ...trusted.publicKey.export({ format: 'jwk' }) }];
  lode = await startLodestone({
    env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', MICROSOFT_APP_TYPE: 'MultiTenant' },
    teams: { openIdMetadataUrl: fake.openIdMetadataUrl },
  });
});

afterAll(async () => {
  await lode.close();
  await fake.close();
});

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: fake.url, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

function question(): Record<string, unknown> {
  return personalMessage(fake, 'Do dysprosium magnets need a Chinese export licence?');
}

function nothingHappened(): void {
  expect(fake.activities).toHaveLength(0);
  expect(lode.app.cases.audit.records().filter((r) => r.kind === 'question')).toHaveLength(0);
}

describe('authenticated Teams endpoint', () => {
  it('refuses a request without a token with 401 and answers nothing', async () => {
    const res = await lode.post(question());
    expect(res.status).toBe(401);
    nothingHappened();
  });

  it('refuses a token that is not a JWT', async () => {
    const res = await lode.post(question(), { authorization: 'Bearer not-a-token' });
    expect(res.status).toBe(401);
    nothingHappened();
  });

  it('refuses a token signed with a key the Bot Framework did not publish', async () => {
    const res = await lode.post(question(), { authorization: `Bearer ${sign(claims(), stranger.privateKey)}` });
    expect(res.status).toBe(401);
    nothingHappened();
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = sign(claims({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 }), trusted.privateKey);
    const res = await lode.post(question(), { authorization: `Bearer ${expired}` });
    expect(res.status).toBe(401);
    nothingHappened();
  });

  it('refuses a token issued for another bot', async () => {
    const res = await lode.post(question(), { authorization: `Bearer ${sign(claims({ aud: 'another-app' }), trusted.privateKey)}` });
    expect(res.status).toBe(401);
    nothingHappened();
  });

  it('refuses a valid token whose serviceUrl is not the one the activity asks us to post to', async () => {
    const token = sign(claims({ serviceurl: 'https://smba.trafficmanager.net/emea/' }), trusted.privateKey);
    const res = await lode.post(question(), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    nothingHappened();
  });

  it('accepts a correctly signed token for this bot', async () => {
    // A conversationUpdate needs no answer, so no outgoing call (which would want a real Entra token).
    const update = {
      type: 'conversationUpdate', id: nextId(), serviceUrl: fake.url, channelId: 'msteams',
      from: { id: '29:someone' }, recipient: BOT, conversation: { id: 'a:new-chat', tenantId: TENANT },
      membersAdded: [BOT],
    };
    const res = await lode.post(update, { authorization: `Bearer ${sign(claims(), trusted.privateKey)}` });
    expect(res.status).toBe(200);
  });
});
