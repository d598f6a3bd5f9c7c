/**
 * Who provides a service, and whether a turn asks about work or goods (thirty-seventh session, own phrasings): Chinese
 * people who are the subject of a verb of giving provide; a seller who does the work is the seller called Chinese; a
 * line named for magnets is a magnet line; a follow-up about work people do is about that work; a technology area
 * beside goods describes the goods.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant, understanding } from '../support/understanding.js';

describe('who provides the work', () => {
  it('takes Chinese people who are the subject of "coaching" as providers, whatever verb opened the message', () => {
    const r = newAssistant().handle({ ...msg("Training topic again: the Chinese licensor's specialists coaching our Ohio technicians on servicing the magnet recycling line. Fine now No. 62 is suspended?", 'wd1'), asOf: '2026-03-01' });
    expect(r.facts?.collaboration?.chineseProvider).toBe(true);
    expect(r.verdict).toBe('escalate');
  });

  it('takes the seller who does the work as the seller the text calls Chinese', () => {
    const r = newAssistant().handle({ ...msg('Our Hanoi site operates a strip casting furnace line we bought from a Chinese vendor. The vendor offers on-site repairs and a controls upgrade in May. Anything to watch?', 'wd2'), asOf: '2026-03-01' });
    expect(r.facts?.collaboration?.chineseProvider).toBe(true);
    expect(r.verdict).not.toBe('not_required');
  });

  it('does not make a foreign seller of the work Chinese because a Chinese seller is named too', () => {
    const r = newAssistant().handle({ ...msg('We bought the furnaces from a Chinese supplier and the controls from a German vendor. The German vendor offers a controls upgrade on site in Poland.', 'wd3'), asOf: '2026-03-01' });
    expect(r.facts?.collaboration?.chineseProvider).not.toBe(true);
  });
});

describe('a line named for the magnets it works on', () => {
  it('reads servicing "our NdFeB grinding line" as production-line services', () => {
    const u = understanding.understander.understand('A Chinese machine builder would do maintenance on our NdFeB grinding line in Poland next month over a remote link. Is that an issue?');
    expect(u.facts.collaboration?.area).toBe('production_line_services');
  });

  it('reads a line named for the steps it does to the magnets ("magnet coating and magnetising line") as one (forty-second session)', () => {
    const text = 'A Chinese equipment vendor offers to send a crew to Gliwice to commission our new magnet coating and magnetising line. Fine to go ahead?';
    expect(understanding.understander.understand(text).facts.collaboration?.area).toBe('production_line_services');
    expect(newAssistant().handle({ ...msg(text, 'wd-ml'), asOf: '2026-03-01' }).verdict).toBe('escalate');
  });

  it('takes no line named for other parts ("magnet insertion and rotor balancing line") as one for the magnets', () => {
    const u = understanding.understander.understand('A Chinese contractor will install our magnet insertion and rotor balancing line in Brno. Any licence on their side?');
    expect(u.facts.collaboration?.area).not.toBe('production_line_services');
  });

  it('does not take a magnet line said absent ("we have no NdFeB grinding line")', () => {
    const u = understanding.understander.understand('A Chinese machine builder would do maintenance on our gearbox line in Poland; we have no NdFeB grinding line. Is that an issue?');
    expect(u.facts.collaboration?.area).not.toBe('production_line_services');
  });
});

describe('what a follow-up asks about', () => {
  it('asks about the work when a turn after a goods question names a service and no goods', () => {
    const a = newAssistant();
    a.handle({ ...msg('Same Chinese supplier and the same magnet sintering line at our Johor plant as last time.', 'wf1'), asOf: '2026-06-01' });
    const r = a.handle({ ...msg('They plan the yearly maintenance and a firmware upgrade in July. OK now that No. 62 is paused?', 'wf1'), asOf: '2026-06-01' });
    expect(r.intent.name).toBe('collaboration_license');
    expect(r.verdict).toBe('escalate');
  });

  it('keeps goods referred back by a pronoun as goods ("our repair partner needs six of them")', () => {
    const a = newAssistant();
    a.handle({ ...msg('We hold loose SmCo magnets of Chinese origin in our Lyon warehouse.', 'wf2'), asOf: '2025-10-20' });
    const r = a.handle({ ...msg('Six of them are needed by our repair partner in Tunisia. Can we ship them?', 'wf2'), asOf: '2025-10-20' });
    expect(r.intent.name).toBe('reexport_license');
  });

  it('reads a design named beside goods for a military programme as the goods, not a cooperation', () => {
    const r = newAssistant().handle({ ...msg("Now they're for the control fins of a cruise missile for our defence prime. Same rotor design as before. Still no licence?", 'wf3'), asOf: '2025-09-01' });
    expect(['part_license', 'reexport_license']).toContain(r.intent.name);
    expect(r.verdict).toBe('escalate');
  });

  it('keeps goods a bare reference names for the question that follows', () => {
    const a = newAssistant();
    a.handle({ ...msg('Following up on the Wuxi rotor assemblies.', 'wf4'), asOf: '2025-09-01' });
    const r = a.handle({ ...msg("This time they're for the tail fins of a missile programme run by our prime contractor. Still no licence?", 'wf4'), asOf: '2025-09-01' });
    expect(r.verdict).toBe('escalate');
  });
});

describe('visits said in everyday words', () => {
  it('reads "we go to see our supplier … they will show us the line" as a visit', () => {
    const r = newAssistant().handle({ ...msg('In June we go to see our NdFeB supplier in Baotou; they will show us the sintering line and walk us through how they run it. No problem now the October rules are suspended?', 'vs1'), asOf: '2026-05-12' });
    expect(r.facts?.collaboration?.kind).toBe('visit');
    expect(r.verdict).toBe('escalate');
  });
});

describe('know-how said to be outside what is meant', () => {
  it('does not read "not part of their recipe" as a recipe handed over', () => {
    const r = newAssistant().handle({ ...msg('Vendor insists the 0.03 % Dy in the NdFeB blocks is carry-over from a shared furnace, not part of their recipe. Do they still need a licence?', 'np1'), asOf: '2026-06-01' });
    expect(r.intent.name).toBe('part_license');
    expect(r.verdict).not.toBe('not_required');
  });

  it('still reads "part of the recipe" they send as know-how', () => {
    const u = understanding.understander.understand('Our Ningbo supplier will email us part of their sintering recipe for the 48SH grade.');
    expect(u.facts.collaboration?.kind).toBe('technology_transfer');
  });
});

describe('process know-how offered after a goods question', () => {
  it('asks about the know-how when the seller offers a separation flowsheet and parameters with the machines', () => {
    const a = newAssistant();
    a.handle({ ...msg('centrifugal extractors from China for our demo circuit', 'kh1'), asOf: '2026-04-10' });
    const r = a.handle({ ...msg('the seller now offers to include their complete flowsheet and reagent dosing parameters for Tb/Dy separation in the deal. fine to accept?', 'kh1'), asOf: '2026-04-10' });
    expect(r.intent.name).toBe('collaboration_license');
    expect(r.verdict).toBe('escalate');
  });

  it('still keeps the goods question when a follow-up only says what the buyer does ("civil magnet production")', () => {
    const a = newAssistant();
    a.handle({ ...msg('Dy oxide from Baotou to our customer in Poland. Licence?', 'kh2'), asOf: '2026-04-10' });
    const r = a.handle({ ...msg('They use it for civil magnet production. What do we need?', 'kh2'), asOf: '2026-04-10' });
    expect(r.intent.name).toBe('part_license');
  });
});

describe('a recycler is a party', () => {
  it('reads "a joint venture with a Chinese recycler" as a Chinese party taking part', () => {
    const u = understanding.understander.understand('We plan a joint venture with a Chinese recycler for a magnet recycling plant in Lyon.');
    expect(u.facts.collaboration?.chineseProvider).toBe(true);
  });
});

describe('a start-up is a party', () => {
  it('reads "invest in a Chinese NdFeB startup" as a Chinese party whose process data the investor sees', () => {
    const r = newAssistant().handle({ ...msg('We plan to invest in a Chinese NdFeB startup; two of our staff would join its technical board and see the process data. Issue?', 'su1'), asOf: '2026-03-01' });
    expect(r.facts?.collaboration?.chineseProvider).toBe(true);
    expect(r.verdict).toBe('escalate');
  });
});

describe('people who travel for training', () => {
  it('reads engineers going to a Chinese factory for training on magnet production as training there, not goods on a route', () => {
    const r = newAssistant().handle({ ...msg('Our engineers will go to the supplier plant in Ganzhou for training on sintered NdFeB production; we want our own plant in Poland later. Export issue?', 'tr1'), asOf: '2026-03-30' });
    expect(r.intent.name).toBe('collaboration_license');
    expect(r.verdict).toBe('prohibited');
  });

  it('still reads complete traction motors for metro trains as goods', () => {
    const r = newAssistant().handle({ ...msg('Our Chinese supplier will ship complete traction motors with Dy NdFeB magnets inside to Vienna for metro trains. Licence?', 'tr2'), asOf: '2025-11-20' });
    expect(r.intent.name).toBe('part_license');
  });
});
