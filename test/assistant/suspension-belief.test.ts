/** An asker who believes the controls were suspended hears that the rule deciding the answer never was, with the suspension cited. */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant } from '../support/understanding.js';

const ask = (text: string, asOf: string, id: string) => newAssistant().handle({ ...msg(text, id), asOf });

describe('a belief that the controls were suspended', () => {
  it('says No. 18 was never suspended and cites No. 70, which suspended the October announcements', () => {
    const r = ask('Someone told me the rare-earth export rules got paused after the trade truce. Do samarium oxide shipments from Baotou to Korea still need a licence?', '2026-02-10', 'sb-1');
    expect(r.verdict).toBe('license_required');
    expect(r.reasons.join(' ')).toMatch(/No\. 18 .* was never suspended: MOFCOM\/GAC Announcement 2025 No\. 70/);
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2025-18', 'CN-ANN-2025-70']));
  });

  it('beside the US military ban, names No. 72, which suspended the other article of the same announcement', () => {
    const r = ask('The US measures were suspended last year, right? So terbium metal from Ganzhou for a US Navy sonar programme is fine?', '2026-03-01', 'sb-2');
    expect(r.verdict).toBe('prohibited');
    expect(r.reasons.join(' ')).toMatch(/art\. 1 .* was never suspended: MOFCOM Announcement 2025 No\. 72/);
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2025-72');
  });

  it('says nothing of suspensions before any was announced', () => {
    const r = ask('Were the controls suspended? Dysprosium oxide from Ganzhou to Korea.', '2025-06-01', 'sb-3');
    expect(r.verdict).toBe('license_required');
    expect(r.reasons.join(' ')).not.toMatch(/never suspended/);
  });

  it('says nothing of suspensions to an asker who did not bring them up', () => {
    const r = ask('Samarium oxide shipments from Baotou to Korea: licence?', '2026-02-10', 'sb-4');
    expect(r.reasons.join(' ')).not.toMatch(/never suspended/);
    expect(r.citations.map((c) => c.source)).not.toContain('CN-ANN-2025-70');
  });
});
