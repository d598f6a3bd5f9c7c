/**
 * Listed parties (brief R23, R24): a named entity on MOFCOM's control or watch list is screened wherever it appears;
 * a control-list name is prohibited and a watch-list name a single licence on the watch-list conditions, each citing
 * its announcement from its date; a near match escalates with the match shown; common words never match.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const lists = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).facts.endUser?.lists ?? [];
const nearLists = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).facts.endUser?.nearLists ?? [];

describe('listed parties', () => {
  it('finds a control-list entity by name, alias or possessive', () => {
    expect(lists('MP Materials asked for a quote on Dy oxide')).toEqual(['CN-ANN-2026-23']);
    expect(lists("TDK's plant in Japan wants terbium oxide")).toEqual(['CN-ANN-2026-12', 'CN-ANN-2026-28']);
    expect(lists('the customer is MHI aero engines')).toEqual(['CN-ANN-2026-11', 'CN-ANN-2026-27']);
    expect(lists('the customer is an MHI unit')).toEqual([]);
    expect(nearLists('the customer is an MHI unit')).toEqual(['CN-ANN-2026-11', 'CN-ANN-2026-27']);
    // "Mitsubishi Heavy", as the trade press shortens the name.
    expect(nearLists("Mitsubishi Heavy's boiler division wants Sm magnets")).toEqual(['CN-ANN-2026-11', 'CN-ANN-2026-27']);
  });

  it('never matches common words or a short name written in lower case', () => {
    expect(lists('Global Industries in Ohio wants Dy magnets')).toEqual([]);
    expect(lists('we ship to a tdk-like customer and a nitto-style tape maker')).toEqual([]);
    expect(lists('the heavy industries sector buys magnets')).toEqual([]);
  });

  it('names a subsidiary of a group with listed units as related, not the listed unit', () => {
    const frame = extractFacts('a Mitsubishi Heavy Industries subsidiary that makes air-conditioners', understanding.lexicon, sourceIds).frame;
    expect(frame.parties.find((p) => p.listed)?.listed).toMatchObject({ name: 'Mitsubishi Heavy Industries', match: 'related', list: 'control' });
    expect(nearLists('a Mitsubishi Heavy Industries subsidiary that makes air-conditioners')).toEqual(['CN-ANN-2026-11', 'CN-ANN-2026-27']);
  });

  it('names a company that belongs to a listed entity\'s group as related, not the entity', () => {
    expect(lists('An Italian firm of the HENSOLDT group, not itself listed, wants SmCo magnets')).toEqual([]);
    expect(nearLists('An Italian firm of the HENSOLDT group, not itself listed, wants SmCo magnets')).toEqual(['CN-ANN-2026-20', 'CN-ANN-2026-30']);
  });

  it('prohibits Dy oxide to a control-listed buyer after its listing, citing the announcement, and not before', () => {
    const after = newAssistant('2026-11-30T09:00:00Z').handle(msg('MP Materials in Texas wants 5 t Dy2O3 ex Ganzhou. Can we sell?', 'p1'));
    expect(after.verdict).toBe('prohibited');
    expect(after.citations.map((c) => c.source)).toContain('CN-ANN-2026-23');
    expect(after.reasons.join(' ')).toMatch(/"MP Materials" is named on MOFCOM's control list \(entry 'MP Materials', 2026 No\. 23\)/);
    expect(after.reasons.join(' ')).toMatch(/secondary reports .* compliance should confirm the match/);
    const before = newAssistant('2026-05-15T09:00:00Z').handle(msg('MP Materials in Texas wants 5 t Dy2O3 ex Ganzhou. Can we sell?', 'p2'));
    // Before the listing the announcement decides nothing; the answer still says it takes effect later.
    expect(before.verdict).toBe('license_required');
    expect(before.reasons.join(' ')).toMatch(/not yet in force on 2026-05-15; takes effect on 2026-06-22/);
  });

  it('gives a watch-listed buyer a licence on the watch-list conditions', () => {
    const r = newAssistant('2026-11-30T09:00:00Z').handle(msg('TDK in Japan wants 200 kg of sintered NdFeB magnets with 4 % Dy from our Ningbo plant. Licence?', 'p3'));
    expect(r.verdict).toBe('license_required');
    const said = r.reasons.join(' ');
    expect(said).toMatch(/single licence only/);
    expect(said).toMatch(/risk-assessment report/);
    expect(said).toMatch(/written commitment/);
    expect(said).toMatch(/not bound by the 45-working-day limit/);
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2026-12', 'CN-ANN-2026-28']));
  });

  it('escalates a near match with the match shown', () => {
    const r = newAssistant('2026-11-30T09:00:00Z').handle(msg('TDK Corporation wants 200 kg of sintered NdFeB magnets with 4 % Dy from our Ningbo plant. Licence?', 'p4'));
    expect(r.verdict).toBe('escalate');
    expect(r.reasons.join(' ')).toMatch(/"TDK Corporation" matches watch-list entry 'TDK' in 2026 No\. 12/);
  });
});
