/**
 * When goods the asker holds were bought: a year after a verb of acquiring, or "before" the controls, decides whether
 * a Chinese licence (and its end-user commitment) can have come with them. A licence said to have come with them
 * outweighs the date. Where it was bought from then is where it was made, not where it leaves from now.
 */
import { describe, expect, it } from 'vitest';
import { understanding } from '../support/understanding.js';

const facts = (text: string) => understanding.understander.understand(text).facts;

describe('when stock held abroad was bought', () => {
  it('reads the year after a verb of acquiring', () => {
    expect(facts('Our Lyon depot has Chinese samarium oxide that we imported back in autumn 2022. A Swiss lab wants 5 kg.').acquiredYear).toBe(2022);
  });

  it('reads "before any licence rules" as bought before the controls', () => {
    expect(facts('The Tb oxide in our Gdansk store was purchased long before any licence rules; a Danish buyer wants it.').acquiredBeforeControls).toBe(true);
  });

  it('leaves a range of years unread, since its end may be after the controls began', () => {
    expect(facts('We bought this Chinese Dy oxide in 2024-25 and hold it in Antwerp.').acquiredYear).toBeUndefined();
  });

  it('gives way to a licence said to have come with the goods', () => {
    const f = facts('Chinese Gd oxide in our Milan stock, bought in 2024 with the supplier\'s export licence, goes to a Greek buyer.');
    expect(f.acquiredYear).toBeUndefined();
    expect(f.acquiredBeforeControls).toBeUndefined();
  });

  it('gives way to a licensed consignment said beside the date', () => {
    const f = facts('Spare Chinese Tb oxide in our Rotterdam tank farm (purchased 2024, a licensed shipment). A Belgian buyer asks for it.');
    expect(f.acquiredYear).toBeUndefined();
    expect(f.acquiredBeforeControls).toBeUndefined();
  });

  it('reads where stock was bought from in a year past as where it was made, not where it leaves from now', () => {
    const f = facts('Those are bare SmCo rings, purchased from Ningbo in 2023, nothing assembled.');
    expect(f.shipFrom).toBeUndefined();
    expect(f.madeIn).toBe('CN');
  });

  it('keeps the year when the asker says no licence was involved', () => {
    expect(facts('Chinese SmCo magnets in our Oslo stock were bought in 2023 (no licence was involved). Can we sell them to Finland?').acquiredYear).toBe(2023);
  });
});
