/**
 * Readings of shares and of work said to touch no rare earths, on phrasings written for these tests: a material's
 * per cent written against its formula, goods said to be a share of another thing's value, and training on work with
 * the magnets and rare-earth processes said absent.
 */
import { describe, expect, it } from 'vitest';
import { readFrame } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const frame = (text: string) => readFrame(text, understanding.lexicon, sourceIds).frame;

describe('shares', () => {
  it('reads "about 8% Y2O3" beside a Chinese supplier as the ceramic\'s make-up, not a Chinese share of value', () => {
    const f = frame('Our grinding media are zirconia balls (about 8% Y2O3) from a Chinese supplier.');
    expect(f.chineseContent.percentOfValue).toBeUndefined();
    expect(f.item?.elementsPresent).toContain('Y');
  });

  it('reads magnets said to be a share of a product\'s value as that product\'s parts, named before', () => {
    expect(frame('The Chinese magnets are roughly 4 % of the pump value.').item?.refersBack).toBe(true);
    expect(frame('Chinese Tb oxide is about 2 percent of the magnet cost.').item?.refersBack).toBe(true);
  });

  it('answers a later turn giving the Chinese magnets\' share of a foreign product\'s value about that product', () => {
    const a = newAssistant('2026-04-15T09:00:00Z');
    a.handle(msg('Our Polish plant builds elevator hoist motors with Chinese Dy-NdFeB magnets inside and ships them to Norway.', 'sh-1'));
    const r = a.handle(msg('Chinese magnets are about 5% of the motor value.', 'sh-1'));
    expect(r.facts?.item?.form).not.toBe('magnet');
    expect(r.facts?.item?.chineseContentPercent).toBe(5);
    // No. 61's share rule is suspended on that day (brief R4, R15): no Chinese licence for the Polish motor.
    expect(r.verdict).toBe('not_required');
  });

  it('keeps Chinese content said of a product\'s parts on the product, so its date-dependent rules still see it', () => {
    const a = newAssistant('2026-11-20T09:00:00Z');
    a.handle(msg('We build packaging machines in Spain and ship them to Peru.', 'sh-2'));
    const r = a.handle(msg('The drives come from an outside supplier, their magnets contain Tb, the Chinese part is about 3 % of the machine value. Anything needed from China?', 'sh-2'));
    expect(r.facts?.item?.hasChineseContent).toBe(true);
    // No. 61's suspension ended on 2026-11-10 with nothing recorded after it: compliance decides (brief R22).
    expect(r.verdict).toBe('escalate');
  });
});

describe('work said to touch no rare earths', () => {
  it('reads training on gearbox assembly with "no magnets or rare-earth processes involved" as no rare-earth work', () => {
    const r = newAssistant('2026-03-10T09:00:00Z').handle(msg('Our Chinese motor plant will train Hungarian colleagues in Wuxi on gearbox assembly. No magnets or rare-earth processes involved. Licence?', 'dw-1'));
    expect(r.facts?.collaboration?.area).toBe('no_rare_earth');
    expect(r.verdict).toBe('not_required');
  });
});
