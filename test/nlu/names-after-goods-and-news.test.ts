/**
 * Readings from the forty-sixth session's worked batches, in own phrasings: a formula right after a phosphor names that
 * phosphor's make-up; where news comes from is no route of goods; a machine builder or fabricator is a maker; work on a
 * rare-earth production line named in an earlier turn is production-line service (No. 62's 1E902.b); a material given as
 * "is about N % of value" of goods named after it is their input; underwater vehicles (ROV, AUV) are products with
 * thruster motors, except where the asker sells them and asks about "the magnet licence" for the magnets it buys.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const understand = (text: string) => understanding.understander.understand(text);

describe('a formula right after a phosphor', () => {
  it('reads "green phosphor powder LaPO4:Ce,Tb" as a phosphor, not a terbium compound', () => {
    const item = understand('Our lamp plant in Brno buys green phosphor powder LaPO4:Ce,Tb from a Jiangxi supplier. Licence needed?').facts.item;
    expect(item?.form).toBe('phosphor');
    expect(item?.elementsPresent).toContain('Tb');
  });

  it('still reads the bare formula, with no phosphor named, as the compound', () => {
    expect(understand('We buy Y2O3:Eu from a Jiangxi supplier. Licence needed?').facts.item?.form).toBe('oxide');
  });
});

describe('where news comes from', () => {
  it('reads "news from Busan" as no place the goods leave from', () => {
    const facts = understand('Saw the news from Busan about a pause. So the Gd oxide we buy from Baotou can ship without a licence now?').facts;
    expect(facts.shipFrom).toBe('CN');
  });
});

describe('builders and fabricators', () => {
  it('reads a Chinese machine builder the goods are bought from as where they leave from', () => {
    expect(understand('We are buying magnetic chucks from a Chinese machine builder. Licence?').facts.shipFrom).toBe('CN');
    expect(understand('We source NdFeB assemblies from a Chinese fabricator. Licence?').facts.shipFrom).toBe('CN');
  });
});

describe('work on a production line named before', () => {
  it('reads technicians coming to commission the line as production-line services', () => {
    const a = newAssistant();
    a.handle({ ...msg('We are setting up a new sintered-magnet production line in Chennai (furnaces, jet mill) with Chinese equipment.', 'pl1'), asOf: '2026-07-01' });
    const r = a.handle({ ...msg('Can two Chinese engineers from the furnace vendor fly in for a week to commission the line? Any issue?', 'pl1'), asOf: '2026-07-01' });
    expect(r.facts?.collaboration?.area).toBe('production_line_services');
    expect(r.verdict).toBe('escalate');
  });
});

describe('a material given as a share of the goods\' value', () => {
  it('reads the magnets exported as the goods when the oxide "is roughly N % of value" of them', () => {
    const item = understand('Chinese Tb oxide is roughly 0.04 % of value of the sintered magnets our Thai vendor makes. We ship those magnets from Thailand to Brazil. Licence?').facts.item;
    expect(item?.form).toBe('magnet');
    expect(item?.chineseContentPercent).toBe(0.04);
  });
});

describe('underwater vehicles', () => {
  it('reads an ROV with magnets in its thrusters as a product with the magnets built in', () => {
    const item = understand('We sell two survey AUVs built in Scotland, thrusters with Chinese Dy magnets, to a port authority in Chile. Licence?').facts.item;
    expect(item?.form).toBe('finished_product');
    expect(item?.downstream).toBe('device');
  });

  it('reads the magnets as the goods when the ROV maker asks about the magnet licence for its supply', () => {
    const item = understand('Our Chinese supplier says a shipyard customer was refused. We sell ROVs to shipyards. Will the magnet licence for us be refused too? Magnets are Tb NdFeB.').facts.item;
    expect(item?.form).toBe('magnet');
  });
});
