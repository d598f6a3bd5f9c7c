/** item.smco: a samarium-cobalt magnet material when said so, and known not to be one from a complete composition. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { FACTS } from '../../src/rules/fact-registry.js';
import { rules } from '../support/understanding.js';

const smco = FACTS['item.smco'];

describe('item.smco', () => {
  it('is true for SmCo, false for another family or a complete composition without Sm and Co, unknown otherwise', () => {
    expect(smco?.read({ item: { magnetType: 'smco' } })).toBe(true);
    expect(smco?.read({ item: { magnetType: 'ndfeb' } })).toBe(false);
    expect(smco?.read({ item: { elementsPresent: ['Cu'], compositionComplete: true } })).toBe(false);
    expect(smco?.read({ item: { elementsAbsent: ['Sm'] } })).toBe(false);
    expect(smco?.read({ item: { form: 'magnet' } })).toBeUndefined();
  });

  it('lets foreign goods with no rare earth at all be decided after No. 61 lapsed, without asking the magnet family', () => {
    const d = evaluate(rules, { shipFrom: 'MX', madeIn: 'MX', item: { elementsPresent: ['Cu'], compositionComplete: true, chinaOrigin: false } }, '2026-11-12');
    expect(d.verdict).toBe('not_required');
  });

  it('still asks what a magnet of unknown make-up is before any answer', () => {
    const d = evaluate(rules, { shipFrom: 'CN', destination: 'DE', item: { form: 'magnet' } }, '2026-03-01');
    expect(d.verdict).toBe('need_info');
  });
});

describe('item.sector of the FAQ\'s downstream goods', () => {
  it('is rare earth for molded sensors and magnetic consumer goods, so the graphite check does not ask about them', () => {
    const sector = FACTS['item.sector'];
    expect(sector?.read({ item: { form: 'component', downstream: 'formed_sensor' } })).toBe('rare_earth');
    expect(sector?.read({ item: { form: 'finished_product', downstream: 'consumer_magnetic_product' } })).toBe('rare_earth');
    expect(sector?.read({ item: { form: 'finished_product', downstream: 'device' } })).toBeUndefined();
    const d = evaluate(rules, { shipFrom: 'CN', destination: 'DE', item: { form: 'component', downstream: 'formed_sensor' } }, '2026-01-20');
    expect(d.verdict).toBe('not_required');
  });
});
