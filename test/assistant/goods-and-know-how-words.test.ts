/**
 * What the goods and the know-how are, on phrasings written for these tests: a product a requested document shows,
 * a linear motor's magnet track, synthetic diamond by its growers' names, import taxes, know-how of fitting magnets
 * into a product, consultants, "would" as a plain modal, and a forwarded e-mail's header.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant } from '../support/understanding.js';

describe('goods', () => {
  it('keeps the magnets as the goods when the supplier asks for photos of the product they go into', () => {
    const r = newAssistant('2025-06-01T09:00:00Z').handle(msg('Our Chinese vendor of 38UH rotor magnets wants photos of the pump where the magnet is used before shipping. Do we really need a licence?', 'gk-1'));
    expect(r.facts?.item?.form).toBe('magnet');
    expect(r.verdict).toBe('license_required');
  });

  it('reads a linear motor\'s magnet track as a stator assembly with its magnets fixed in (FAQ No. 5)', () => {
    const r = newAssistant('2026-02-01T09:00:00Z').handle(msg('Our supplier in Ningbo makes magnet tracks for our linear stages: Tb NdFeB magnets bonded on steel plates. Shipped to Germany. Export licence?', 'gk-2'));
    expect(r.facts?.item?.downstream).toBe('rotor_stator_assembly');
    expect(r.verdict).toBe('not_required');
  });

  it('reads pot, cup and holding magnets (a magnet in a steel cup, sold as a magnet) as an assembly the FAQ does not name', () => {
    for (const text of ['We order Tb NdFeB pot magnets from a Xiamen maker for our welding jigs in Poland. Licence?', 'Holding magnets (NdFeB with Dy, in steel cups) from Ningbo to our Spanish plant: do they need a licence?']) {
      const r = newAssistant('2026-02-01T09:00:00Z').handle(msg(text, 'gk-pot'));
      expect(r.facts?.item?.downstream).toBe('other_assembly');
      expect(r.verdict).not.toBe('not_required');
    }
  });

  it('reads LED modules, lamps and backlights as lighting products with their phosphor built in (FAQ No. 5)', () => {
    for (const text of ['Our supplier in Foshan ships LED strips with Tb green phosphor to our warehouse in Lyon. Licence?', 'Do LED backlight units with Eu-doped phosphor from Shenzhen need a Chinese export licence to Mexico?']) {
      const r = newAssistant('2026-02-01T09:00:00Z').handle(msg(text, 'gk-led'));
      expect(r.facts?.item?.downstream).toBe('device');
      expect(r.citations.map((c) => c.source)).toContain('CN-FAQ-RE');
    }
  });

  it('reads lab-grown and CVD diamond as No. 55 superhard material', () => {
    const r = newAssistant('2026-11-20T09:00:00Z').handle(msg('We buy lab-grown diamond windows from a Chinese grower for our lasers in Texas. Any Chinese restriction now?', 'gk-3'));
    expect(r.facts?.item?.form).toBe('superhard_material');
    // No. 55's suspension ended on 2026-11-10 with nothing recorded after it (brief R14, R22).
    expect(r.verdict).toBe('escalate');
  });

  it('reads "the magnet licence" as a kind of licence, not magnets beside the products named', () => {
    const r = newAssistant('2025-10-07T09:00:00Z').handle(msg('We import magnetic tablet stands and magnetic chargers from Dongguan for our shops. Do they fall under the magnet licence?', 'gk-9'));
    expect(r.facts?.item?.downstream).toBe('consumer_magnetic_product');
    expect(r.verdict).toBe('not_required');
  });

  it('still reads magnets named beside the products as the goods, whatever licence is named', () => {
    const r = newAssistant('2025-10-07T09:00:00Z').handle(msg('We import tablet stands and spare Tb NdFeB magnets from Dongguan. Do they fall under the magnet licence?', 'gk-10'));
    expect(r.facts?.item?.form).toBe('magnet');
    expect(r.verdict).not.toBe('not_required');
  });

  it('reads "Tb magnet licences" in a later turn as the magnets asked about, not the product named as their use', () => {
    const a = newAssistant('2026-02-01T09:00:00Z');
    a.handle(msg('We buy Tb NdFeB magnets from China for seat motors in Japan.', 'gk-12'));
    const r = a.handle(msg('Civil passenger cars only. The supplier says Tb magnet licences for Japan are stuck. Do we still need one?', 'gk-12'));
    expect(r.facts?.item?.form).toBe('magnet');
    expect(r.verdict).toBe('license_required');
  });

  it('reads what the asker\'s own plant makes as the goods when the only element named is its input', () => {
    const r = newAssistant('2025-10-20T09:00:00Z').handle(msg('Our Malaysian magnet plant uses Chinese terbium, about 2 % of the value. Buyers in France want deliveries from January. What do we need?', 'gk-18'));
    expect(r.facts?.item?.form).toBe('magnet');
    const input = newAssistant('2025-10-20T09:00:00Z').handle(msg('Our Malaysian magnet plant needs terbium from China. Licence?', 'gk-19'));
    expect(input.facts?.item?.form).not.toBe('magnet');
  });

  it('reads goods bought after "For our pumps we buy …" as the goods, not the purpose', () => {
    const r = newAssistant('2025-12-09T09:00:00Z').handle(msg('For our irrigation pumps we buy rotor assemblies from Ningbo, magnets are glued on the core. Licence needed?', 'gk-11'));
    expect(r.facts?.item?.downstream).toBe('rotor_stator_assembly');
    expect(r.verdict).toBe('not_required');
  });

  it('escalates a product whose SmCo magnets sit beside a terbium crystal: the FAQ\'s magnet carve-out does not cover the crystal', () => {
    const r = newAssistant('2026-06-24T09:00:00Z').handle(msg('We would import finished optical isolators from Fujian, each with SmCo magnet rings and a TGG crystal built into the housing. Outside the controls?', 'gk-14'));
    expect(r.facts?.item).toMatchObject({ magnetType: 'smco', downstream: 'device' });
    expect(r.fired.map((f) => f.ruleId)).toContain('faq-products-with-other-listed-materials');
    expect(r.verdict).toBe('escalate');
  });

  it('does not ask the industry of a finished product for the graphite rule: graphite is controlled as a material', () => {
    const r = newAssistant('2025-12-10T09:00:00Z').handle(msg('Our factory in Dongguan builds electric toothbrushes with small NdFeB motors and ships them to Canadian drugstores. Licence needed?', 'gk-13'));
    expect(r.missing ?? []).not.toContain('industry the item serves');
    expect(r.verdict).toBe('not_required');
  });

  it('answers a question about import taxes as another authority\'s', () => {
    const r = newAssistant('2025-06-01T09:00:00Z').handle(msg('How much Turkish import tax is due on e-bike motors from China?', 'gk-4'));
    expect(r.intent.name).toBe('out_of_scope');
  });
});

describe('know-how', () => {
  it('reads training on fitting magnets into rotors as product know-how, not magnet making', () => {
    const r = newAssistant('2026-03-01T09:00:00Z').handle(msg('Our Chinese motor supplier will teach our Mexican staff how they glue magnets into the rotor and balance the rotors. Any problem?', 'gk-5'));
    expect(r.facts?.collaboration?.area).toBe('product_design');
    expect(r.verdict).toBe('not_required');
  });

  it('still reads sintering named beside it as magnet making', () => {
    const r = newAssistant('2026-03-01T09:00:00Z').handle(msg('Our Chinese magnet supplier will teach our engineers sintering and how to glue magnets into rotors. OK?', 'gk-6'));
    expect(r.facts?.collaboration?.area).toBe('magnet_preparation');
    expect(r.verdict).toBe('prohibited');
  });

  it('reads Chinese consultants who "would do" a flowsheet as providers of consulting (restricted mining know-how)', () => {
    const r = newAssistant('2026-02-10T09:00:00Z').handle(msg('Chinese consultants would draw up the beneficiation flowsheet for our mine. Is a licence needed?', 'gk-7'));
    expect(r.facts?.collaboration).toMatchObject({ kind: 'consulting', area: 'mining_beneficiation', chineseProvider: true });
    expect(r.verdict).toBe('license_required');
  });

  it('reads presenting already-published results as passing know-how, which the research note cannot clear alone', () => {
    const r = newAssistant('2026-06-10T09:00:00Z').handle(msg('A Chinese postdoc in our group will present published results on Tb grain-boundary diffusion at a workshop in Lyon. Fine, since it is public?', 'gk-15'));
    expect(r.facts?.collaboration).toMatchObject({ kind: 'technology_transfer', area: 'magnet_preparation', publicOrBasicResearch: true });
    expect(r.verdict).toBe('escalate');
  });

  it('reads joint basic research with a Chinese institute as joint R&D, and basic research as an end use as no cooperation', () => {
    const joint = newAssistant('2026-06-10T09:00:00Z').handle(msg('Our lab plans joint basic research on Ce-rich magnets with a Chinese academy; everything will be published. Any export control issue?', 'gk-16'));
    expect(joint.facts?.collaboration?.kind).toBe('joint_rnd');
    expect(joint.verdict).toBe('escalate');
    const goods = newAssistant('2026-06-10T09:00:00Z').handle(msg('A Chinese vendor ships us 20 g of terbium foil for basic research on magnetostriction in Graz. Licence?', 'gk-17'));
    expect(goods.facts?.collaboration).toBeUndefined();
    expect(goods.verdict).toBe('license_required');
  });

  it('reads no technology sent in a forwarded e-mail\'s "Sent:" line or its "forwarding below"', () => {
    const r = newAssistant('2026-01-20T09:00:00Z').handle(msg('Forwarding below, pls advise.\nFrom: J. Berg\nSent: 18 January 2026\nSubject: FW: magnets\n\nOur plant in Gdansk makes NdFeB magnets with dysprosium bought from a Chinese refinery, about 3 % of the magnet value, and sells them to Denmark. Do we need a MOFCOM licence?', 'gk-8'));
    expect(r.facts?.collaboration).toBeUndefined();
    // No. 61's share rule is suspended on that day (brief R4, R15).
    expect(r.verdict).toBe('not_required');
  });
});
