/**
 * Goods the asker fits into a product it sells, a kind word naming what a product is for, and an explicit request for
 * a person beside a listed party (forty-seventh session, own phrasings).
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const facts = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).facts;

describe('magnets the asker builds into a product it sells', () => {
  it('decides on the product sold, with the magnets inside, and reads their nationality as content', () => {
    const f = facts('We buy Chinese Tb magnets, mount them into servo motors in Slovakia and sell the servo motors to Sweden.');
    expect(f.item?.downstream).toBe('motor');
    expect(f.item?.form).not.toBe('magnet');
    expect(f.item?.hasChineseContent).toBe(true);
    expect(f.destination).toBe('SE');
  });

  it('answers the product sold, not the magnets bought, when the re-export rule is suspended', () => {
    const reply = newAssistant().handle({ ...msg('We buy China-made SmCo magnets from a Dutch trader, fit them into flow meters in Belgium and sell the flow meters to Canada. Anything needed from China?', 'fs1'), asOf: '2026-05-12' });
    expect(reply.verdict).toBe('not_required');
  });

  it('keeps the magnets as the goods when they are sold on as they are', () => {
    expect(facts('We buy Chinese Tb magnets and sell them to Sweden with our servo motors.').item?.form).toBe('magnet');
  });
});

describe('a kind word that says what a product is for', () => {
  it('reads "maintenance vehicle" as a vehicle, not a maintenance service', () => {
    expect(facts('The next lot is for an army rail maintenance vehicle project. Still fine?').collaboration?.kind).toBeUndefined();
    expect(facts('Chinese technicians will do maintenance on our NdFeB sintering furnace in Austria.').collaboration?.kind).toBe('services');
  });

  it('answers a follow-up about the same motors for an army vehicle as a military end use', () => {
    const a = newAssistant();
    a.handle({ ...msg('We import finished traction motors with Dy magnets from a Chinese maker.', 'fs2'), asOf: '2026-05-12' });
    const reply = a.handle({ ...msg('This batch is for a Polish army track maintenance vehicle project though. Still outside the rules?', 'fs2'), asOf: '2026-05-12' });
    expect(reply.verdict).toBe('escalate');
  });
});

describe('asking for a person while naming a listed party', () => {
  it('passes the conversation to compliance instead of deciding', () => {
    const reply = newAssistant().handle({ ...msg('It is about OMNIPOL and our Chinese magnets, too complicated for me. Can I speak to a person in compliance please?', 'fs3'), asOf: '2026-08-12' });
    expect(reply.intent?.name).toBe('talk_to_human');
    expect(reply.verdict).toBe('escalate');
  });
});

describe('scholars as people who carry know-how', () => {
  it('reads "the Chinese author of a paper on magnet recycling" giving a talk as a Chinese provider, not Chinese magnets', () => {
    const u = understanding.understander.understand('A Chinese author of a paper on magnet recycling will give a lecture at our Darwin lab, only the published results. Any Chinese rules?');
    expect(u.facts.collaboration?.chineseProvider).toBe(true);
    expect(u.intent).toBe('collaboration_license');
    expect(u.facts.item?.chinaOrigin).not.toBe(true);
  });
});

describe('a product named with its magnets inside, after a machine line or a word of cause', () => {
  it('reads "lift machine LX-series, complete PM motors w/ magnets inside" as the motors', () => {
    const f = facts('lift machine LX-series, complete gearless PM motors w/ magnets inside, from our Suzhou plant to Oslo. licence?');
    expect(f.item?.downstream).toBe('motor');
  });

  it('reads "given the magnets?" as the goods\' own magnets', () => {
    const reply = newAssistant().handle({ ...msg('We order magnetic knife racks and magnetic door catches from a Chinese web shop. Is there an export licence issue given the magnets?', 'fs4'), asOf: '2026-02-10' });
    expect(reply.verdict).toBe('not_required');
  });
});
