/**
 * Probe replay (issue 12, defect 14): forged and expired Bot Framework tokens sent to a real Lodestone process.
 * botbuilder's token check writes to the console on these failures: a stack trace, and the signing key it tried
 * (as PEM). Neither may reach the process's stdout or stderr; what botbuilder says goes through the logger at
 * debug, with the key and any token removed. The keys come from a fake connector on 127.0.0.1 (no network).
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeConnector } from '../channels/teams/fake-connector.js';
import { personalMessage } from '../channels/teams/harness.js';
import { bundle, startNode, type Bundle, type Finished } from '../support/child-process.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const KID = 'fake-bot-framework-key';
const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The published key as botbuilder prints it (PKCS#1 PEM), and its bare modulus: neither may appear in the output. */
const trustedPem = trusted.publicKey.export({ format: 'pem', type: 'pkcs1' }).toString();
const trustedModulus = String(trusted.publicKey.export({ format: 'jwk' }).n);

function sign(claims: Record<string, unknown>, key: KeyObject): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${part({ alg: 'RS256', typ: 'JWT', kid: KID })}.${part(claims)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(key).toString('base64url')}`;
}

let child: Bundle;
let fake: FakeConnector;
let work: string;

beforeAll(async () => {
  child = await bundle('test/security/teams-server-child.ts', 'teams-server-child');
  fake = await FakeConnector.start();
  fake.keys = [{ kty: 'RSA', use: 'sig', kid: KID, ...trusted.publicKey.export({ format: 'jwk' }) }];
  work = mkdtempSync(join(tmpdir(), 'lodestone-teams-'));
});

afterAll(async () => {
  await fake.close();
  child.remove();
  rmSync(work, { recursive: true, force: true });
});

/** Starts the child at `level`, sends the forged requests, stops it, and returns everything it printed. */
async function forgeAgainst(level: string): Promise<{ finished: Finished; statuses: number[]; tokens: string[] }> {
  const running = startNode(child.file, {
    cwd: work,
    env: { LOG_LEVEL: level, MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', TEAMS_OPENID_URL: fake.openIdMetadataUrl },
  });
  const url = (await running.lineWith('child-url ')).split(' ')[1] ?? '';
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: fake.url, nbf: now - 60, iat: now - 60, exp: now + 3600 };
  const tokens = [
    sign(claims, stranger.privateKey), // right key id, wrong key: botbuilder prints the key it tried
    sign({ ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 }, trusted.privateKey), // expired: botbuilder prints a stack
  ];
  const statuses: number[] = [];
  for (const token of tokens) {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(personalMessage(fake, 'Do dysprosium magnets need a Chinese export licence?')),
    });
    statuses.push(res.status);
  }
  return { finished: await running.stop(), statuses, tokens };
}

function expectNoKeyMaterial(output: string, tokens: readonly string[]): void {
  expect(output).not.toContain('PUBLIC KEY');
  expect(output).not.toContain(trustedPem.split('\n')[1]);
  expect(output).not.toContain(trustedModulus.slice(0, 40));
  for (const t of tokens) expect(output).not.toContain(t.split('.')[2]);
  // No stack trace either: a frame line is "    at fn (file:line:col)".
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

describe('forged Teams tokens against a real process', () => {
  it('are refused with 401 and print neither keys nor stack traces at the default log level', async () => {
    const { finished, statuses, tokens } = await forgeAgainst('info');
    expect(statuses).toEqual([401, 401]);
    expect(finished.stderr).toBe('');
    expectNoKeyMaterial(finished.stdout, tokens);
    // The refusals themselves are logged, once each, as warnings that say why.
    const refusals = finished.stdout.split('\n').filter((l) => l.includes('teams: request refused: token not valid'));
    expect(refusals).toHaveLength(2);
  });

  it('at debug, botbuilder\'s own words reach the log through the logger, with the key removed', async () => {
    const { finished, tokens } = await forgeAgainst('debug');
    expect(finished.stderr).toBe('');
    expectNoKeyMaterial(finished.stdout, tokens);
    const fromBotbuilder = finished.stdout.split('\n').filter((l) => l.includes('"component":"botbuilder"'));
    expect(fromBotbuilder.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      'Error finding key for token. Available keys: [key removed]',
      'TokenExpiredError: jwt expired',
    ]);
    for (const line of fromBotbuilder) expect(JSON.parse(line)).toMatchObject({ level: 20 });
  });
});
