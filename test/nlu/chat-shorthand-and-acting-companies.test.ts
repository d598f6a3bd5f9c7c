/** Chat shorthand for "because", and a company placed with "in" whose own verb makes or sends the goods. */
import { describe, expect, it } from 'vitest';
import { understanding } from '../support/understanding.js';

const read = (text: string) => understanding.understander.understand(text);

describe('"bc of magnets" after a product', () => {
  it('is the product\'s own magnets, the reason for asking, not loose magnets beside it', () => {
    const item = read('magnetic tablet stands from Xiamen to Norway, do we need a licence bc of magnets?').facts.item;
    expect(item?.form).toBe('finished_product');
  });
});

describe('a company in a place', () => {
  it('is where goods come from when its own verb makes or exports them', () => {
    const f = read('A trading company in Vietnam refines rare earths with a process licensed from China and exports Tb oxide to Japan.').facts;
    expect(f.shipFrom).toBe('VN');
    expect(f.destination).toBe('JP');
  });

  it('still receives goods when it is a customer, whatever it makes', () => {
    expect(read('We ship Dy magnets from Ganzhou; a customer in Poland makes pumps with them.').facts.destination).toBe('PL');
  });

  it('is where goods are made when the party makes them there and sends them on', () => {
    const f = read('Our client manufactures samarium-cobalt rings in Xiamen and exports them to Malaysia.').facts;
    expect(f.madeIn).toBe('CN');
    expect(f.destination).toBe('MY');
  });

  it('does not read "separate" as a verb of making in "need no separate licence"', () => {
    expect(read('Their Tb magnet shipments to our Slovak plant need no separate licence, right?').facts.destination).toBe('SK');
  });
});
