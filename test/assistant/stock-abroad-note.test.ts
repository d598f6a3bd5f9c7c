/**
 * Chinese-made goods with no route said are answered as leaving China; what the rules say of the same goods already in
 * stock abroad (No. 61 §1(3), in force from 9 October 2025, suspended by No. 70 from 7 November) is said beside that
 * answer, and cited, unless a Chinese seller is named. Phrasings written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant } from '../support/understanding.js';

const QUESTION = 'We have some Chinese-origin terbium oxide; a lab in Poland wants 20 kg. Do we need a licence?';

describe('the note on goods already in stock abroad', () => {
  it('says and cites the re-export rule in force on the day, beside the answer for goods leaving China', () => {
    const r = newAssistant('2025-10-20T09:00:00Z').handle(msg(QUESTION, 'abroad-1'));
    expect(r.verdict).toBe('license_required');
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2025-18', 'CN-ANN-2025-61']));
    expect(r.reasons.join(' ')).toMatch(/already in stock outside China/);
  });

  it('says the re-export rule is suspended, citing the suspension, on a day No. 70 runs', () => {
    const r = newAssistant('2026-03-01T09:00:00Z').handle(msg(QUESTION, 'abroad-2'));
    expect(r.verdict).toBe('license_required');
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2025-61', 'CN-ANN-2025-70']));
  });

  it('is left out when a Chinese seller is named: the goods come from China', () => {
    const r = newAssistant('2025-10-20T09:00:00Z').handle(msg('A Chinese trading house offers us Chinese-made terbium oxide for our lab in Poland. Licence?', 'abroad-3'));
    expect(r.verdict).toBe('license_required');
    expect(r.reasons.join(' ')).not.toMatch(/already in stock outside China/);
  });
});
