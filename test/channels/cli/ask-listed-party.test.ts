/**
 * `lodestone ask --json` on a question naming a listed buyer (brief R23, R24): a control-listed buyer is prohibited,
 * citing its announcement; a watch-listed buyer needs a licence on the watch-list conditions; a near match escalates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/channels/cli/run.js';

interface AskJson {
  verdict: string;
  reasons: string[];
  citations: { source: string }[];
  facts: { endUser?: { lists?: string[]; nearLists?: string[] } };
}

async function ask(...turns: string[]): Promise<AskJson> {
  const out: string[] = [];
  const code = await run(['ask', '--as-of', '2026-11-30', '--json', ...turns], { out: (l) => out.push(l), err: () => undefined, stdin: () => '' });
  expect(code).toBe(0);
  return JSON.parse(out.at(-1) ?? '{}') as AskJson;
}

let dir: string | undefined;
afterEach(() => {
  vi.unstubAllEnvs();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('lodestone ask --json with a listed buyer', { timeout: 60_000 }, () => {
  it('answers prohibited for a control-listed buyer, citing its announcement', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lodestone-cli-'));
    vi.stubEnv('DATA_DIR', dir);
    const r = await ask('Can we sell 500 kg of Dy-containing NdFeB magnets from our Ningbo plant to MP Materials?');
    expect(r.verdict).toBe('prohibited');
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2026-23');
    expect(r.facts.endUser?.lists).toEqual(['CN-ANN-2026-23']);
    expect(r.reasons.join(' ')).toMatch(/export control list/);
    expect(r.reasons.join(' ')).toMatch(/secondary reports/);
  });

  it('answers license_required with the watch-list conditions for a watch-listed buyer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lodestone-cli-'));
    vi.stubEnv('DATA_DIR', dir);
    const r = await ask('Do we need a licence to ship terbium oxide from Baotou to Nitto Denko in Osaka?');
    expect(r.verdict).toBe('license_required');
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2026-12', 'CN-ANN-2026-28']));
    const said = r.reasons.join(' ');
    expect(said).toMatch(/single licence only/);
    expect(said).toMatch(/risk-assessment report/);
    expect(said).toMatch(/written commitment/);
    expect(said).toMatch(/not bound by the 45-working-day limit/);
  });

  it('escalates a near match and shows it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lodestone-cli-'));
    vi.stubEnv('DATA_DIR', dir);
    const r = await ask('Do we need a licence to ship terbium oxide from Baotou to TDK Corporation?');
    expect(r.verdict).toBe('escalate');
    expect(r.facts.endUser?.nearLists).toEqual(['CN-ANN-2026-12', 'CN-ANN-2026-28']);
    expect(r.reasons.join(' ')).toMatch(/"TDK Corporation" matches watch-list entry 'TDK' in 2026 No\. 12/);
  });
});
