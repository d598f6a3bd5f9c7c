/** Goods the asker buys in, or finishes at its own site abroad: they come to that site; they do not leave from it. */
import { describe, expect, it } from 'vitest';
import { understanding } from '../support/understanding.js';

const read = (text: string) => understanding.understander.understand(text);

describe('goods bought from a place, in a message that also says what the asker makes', () => {
  it('come from the place they are bought from', () => {
    const f = read('We build sonar transducers for survey ships in Norway and buy Terfenol-D rods (Tb-Dy-Fe, 铽镝铁) from Baotou.').facts;
    expect(f.shipFrom).toBe('CN');
  });

  it('still read an input named in a clause that makes goods as their content', () => {
    const f = read('Our Penang plant sinters NdFeB magnets with dysprosium from Australia.').facts;
    expect(f.shipFrom).not.toBe('AU');
  });
});

describe('goods the asker means to buy, with words between it and the verb', () => {
  it('go to the site of the asker that will use them, which did not make them', () => {
    const f = read('We are planning to order a second-hand strip caster from China to set up alloy work at our plant in Tampere.').facts;
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('FI');
    expect(f.madeIn).not.toBe('FI');
  });
});

describe('goods the asker finishes at a site abroad', () => {
  it('arrive at that site, which is neither where they leave from nor where they are made', () => {
    const f = read('These are unfinished sintered blocks with 3 % Dy; we grind and plate them ourselves in Austria.').facts;
    expect(f.shipFrom).toBeUndefined();
    expect(f.madeIn).toBeUndefined();
    expect(f.destination).toBe('AT');
  });

  it('leave from the finishing site when they are said to go on from there', () => {
    const f = read('We grind and plate them in Austria and then ship them to Canada.').facts;
    expect(f.destination).toBe('CA');
  });
});
