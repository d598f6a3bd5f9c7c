/**
 * Listed parties (brief R23, R24): a named entity on MOFCOM's control or watch list is screened wherever it appears;
 * a match escalates (the list contents are unconfirmed) and cites the announcement, only from its date; common words
 * never match.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const lists = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).facts.endUser?.lists ?? [];

describe('listed parties', () => {
  it('finds a control-list entity by name, alias or possessive', () => {
    expect(lists('MP Materials asked for a quote on Dy oxide')).toEqual(['CN-ANN-2026-23']);
    expect(lists("TDK's plant in Japan wants terbium oxide")).toEqual(['CN-ANN-2026-12', 'CN-ANN-2026-28']);
    expect(lists('the customer is an MHI unit')).toEqual(['CN-ANN-2026-11', 'CN-ANN-2026-27']);
  });

  it('never matches common words or a short name written in lower case', () => {
    expect(lists('Global Industries in Ohio wants Dy magnets')).toEqual([]);
    expect(lists('we ship to a tdk-like customer and a nitto-style tape maker')).toEqual([]);
    expect(lists('the heavy industries sector buys magnets')).toEqual([]);
  });

  it('names the group when a listed unit is not the one asked about', () => {
    const frame = extractFacts('a Mitsubishi Heavy Industries subsidiary that makes air-conditioners', understanding.lexicon, sourceIds).frame;
    expect(frame.parties.find((p) => p.listed)?.listed).toMatchObject({ name: 'Mitsubishi Heavy Industries', match: 'group', list: 'control' });
  });

  it('escalates Dy oxide to a listed entity after its listing, citing the announcement, and not before', () => {
    const after = newAssistant('2026-11-30T09:00:00Z').handle(msg('MP Materials in Texas wants 5 t Dy2O3 ex Ganzhou. Can we sell?', 'p1'));
    expect(after.verdict).toBe('escalate');
    expect(after.citations.map((c) => c.source)).toContain('CN-ANN-2026-23');
    const before = newAssistant('2026-05-15T09:00:00Z').handle(msg('MP Materials in Texas wants 5 t Dy2O3 ex Ganzhou. Can we sell?', 'p2'));
    // Before the listing the announcement decides nothing; the answer still says it takes effect later.
    expect(before.verdict).toBe('license_required');
    expect(before.reasons.join(' ')).toMatch(/not yet in force on 2026-05-15; takes effect on 2026-06-22/);
  });
});
