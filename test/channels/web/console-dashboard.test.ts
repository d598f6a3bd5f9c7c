/** The console dashboard over HTTP: its JSON counted from a seeded database, its page's tables, the chart library served locally. */
import { afterEach, describe, expect, test } from 'vitest';
import { DashboardSchema, type Dashboard } from '../../../src/cases/dashboard.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/channels/web/security-headers.js';
import { escalation, magnetFacts, message, reply } from '../../cases/fixtures.js';
import { Client } from './http-client.js';
import { startWebServer, type WebServer } from './web-server.js';

let server: WebServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function countOn(d: Dashboard, day: string, verdict: string): number {
  const i = d.days.indexOf(day);
  return d.answersByVerdict.find((s) => s.verdict === verdict)?.counts[i] ?? 0;
}

/** Two answers today, one three weeks back, one before the window, an escalated case, and one question asked in the chat. */
async function seeded(): Promise<{ s: WebServer; client: Client }> {
  const s = await startWebServer();
  server = s;
  const { cases } = s.app;
  cases.recordQuestion(message(), { ...reply(), facts: magnetFacts });
  cases.recordQuestion(message(), { ...reply(), facts: magnetFacts });
  const answer = { questionSeq: 1, verdict: 'need_info', rulesVersion: 'v', asOf: '2026-02-09', fired: [], citations: [], escalation: 'not_needed' };
  cases.audit.append({ kind: 'answer', actor: 'assistant', at: new Date('2026-02-09T12:00:00Z'), payload: { ...answer, item: 'oxide (Tb)' } });
  cases.audit.append({ kind: 'answer', actor: 'assistant', at: new Date('2026-01-02T12:00:00Z'), payload: { ...answer, verdict: 'prohibited', item: 'oxide (Tb)' } });
  cases.openCase(escalation({ replyTo: { channel: 'web', user: 'w1', conversation: 'seeded' } }));
  const client = new Client(s.url);
  const csrf = await client.csrf();
  expect((await client.postForm('/chat', { csrf, text: 'Sintered NdFeB magnets with 5% dysprosium shipped from Ningbo to Germany' })).status).toBe(303);
  return { s, client };
}

describe('console dashboard', () => {
  test('the JSON counts answers per day and verdict, unresolved cases by age and the asked items', async () => {
    const { s, client } = await seeded();
    const chatVerdict = String(s.app.cases.audit.records().filter((r) => r.kind === 'answer').at(-1)?.payload.verdict);
    const res = await client.get('/console/dashboard.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const d = DashboardSchema.parse(await res.json());
    expect(d.days).toHaveLength(30);
    expect(d.days.at(-1)).toBe('2026-03-02');
    expect(d.days[0]).toBe('2026-02-01');
    expect(countOn(d, '2026-02-09', 'need_info')).toBe(1);
    // Today: the two seeded licence answers and the chat's answer, under the verdict it was given.
    expect(countOn(d, '2026-03-02', 'license_required')).toBe(chatVerdict === 'license_required' ? 3 : 2);
    if (chatVerdict !== 'license_required') expect(countOn(d, '2026-03-02', chatVerdict)).toBe(1);
    expect(d.answersByVerdict.reduce((t, s) => t + (s.counts.at(-1) ?? 0), 0)).toBe(3);
    // The answer of 2026-01-02 is before the window.
    expect(d.answersTotal).toBe(4);
    expect(d.answersByVerdict.find((s) => s.verdict === 'prohibited')?.counts.every((n) => n === 0)).toBe(true);
    expect(d.openCasesByAge[0]).toMatchObject({ bucket: 'under_1d', waiting: 1, claimed: 0 });
    expect(d.openCasesTotal).toBe(1);
    // The chat's question was read as the same item as the seeded answers.
    expect(d.topItems).toEqual([{ item: 'NdFeB magnet (Dy)', count: 3 }, { item: 'oxide (Tb)', count: 1 }]);
  });

  test('the page has every chart\'s numbers in a table and loads the chart library from this server', async () => {
    const { client } = await seeded();
    const res = await client.get('/console/dashboard');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/chart.umd.min.js" defer>', '<script src="/assets/dashboard.js" defer>']);
    expect(page).toContain('<a href="/console/dashboard" aria-current="page">Dashboard</a>');
    expect(page).toMatch(/<tr><th scope="row">2026-02-09<\/th>(<td>\d+<\/td>)+<\/tr>/);
    expect(page).toContain('<tr><th scope="row">NdFeB magnet (Dy)</th><td>3</td></tr>');
    expect(page).toContain('<tr><th scope="row">Under a day</th><td>1</td><td>0</td><td>1</td></tr>');
    expect(page).toMatch(/<canvas id="chart-answers" role="img" aria-label="[^"]*4 questions answered/);

    const lib = await client.get('/assets/chart.umd.min.js');
    expect(lib.status).toBe(200);
    expect(lib.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await lib.text()).toContain('Chart.js v4.6.1');
    expect((await client.get('/assets/dashboard.js')).status).toBe(200);
  });

  test('beyond loopback the dashboard and its JSON need the console token', async () => {
    const token = 'correct-horse-battery-staple-2026';
    server = await startWebServer({ HOST: '0.0.0.0', CONSOLE_TOKEN: token });
    const anonymous = new Client(server.url);
    for (const path of ['/console/dashboard', '/console/dashboard.json']) {
      const res = await anonymous.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toMatch(/^\/login\?next=/);
    }
    const bearer = new Client(server.url, { authorization: `Bearer ${token}` });
    expect((await bearer.get('/console/dashboard.json')).status).toBe(200);
  });
});
