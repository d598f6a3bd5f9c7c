/**
 * Goods a question names only indirectly, on phrasings written for these tests: samples of what the asker's supplier
 * makes, and goods in a question the classifier takes for a cooperation though no cooperation is in it.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant } from '../support/understanding.js';

describe('goods named only indirectly', () => {
  it('reads "samples" from "our Chinese SmCo supplier" as SmCo magnets', () => {
    const r = newAssistant('2026-03-02T09:00:00Z').handle(msg('Our Chinese SmCo supplier wants to send evaluation samples to our lab in Ohio. Licence for the samples?', 'gi-1'));
    expect(r.facts?.item).toMatchObject({ magnetType: 'smco', form: 'magnet' });
    expect(r.verdict).toBe('license_required');
  });

  it('decides goods in a question that names no cooperation, whatever the classifier guessed', () => {
    const r = newAssistant('2025-10-28T09:00:00Z').handle(msg('Facilities question: we order 500 magnetic tablet stands and magnetic chargers from a Chinese web shop for our support staff. Are these caught by the rare earth controls?', 'gi-2'));
    expect(r.intent.name).toBe('part_license');
    expect(r.facts?.item?.downstream).toBe('consumer_magnetic_product');
    // Magnetic chargers and stands are downstream goods the FAQ puts generally outside No. 18 (brief R2).
    expect(r.verdict).toBe('not_required');
    expect(r.citations.some((c) => c.source === 'CN-FAQ-RE')).toBe(true);
  });
});
