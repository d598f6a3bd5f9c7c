/**
 * The DFARS magnet clause (brief R21, §8): SmCo and NdFeB magnets from a covered country are barred from US DoD
 * deliveries, and from 1 January 2027 magnets made elsewhere of Chinese-mined material too. A question that names the
 * clause itself stays a question about a US rule (no verdict, a pointer); one about a DoD delivery is decided.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { msg, newAssistant, rules } from '../support/understanding.js';

const dod = { destination: 'US', endUser: { kind: 'military' as const } };

describe('dfars-covered-country-magnets', () => {
  it('prohibits Chinese NdFeB magnets built into a part delivered to the DoD, citing the clause', () => {
    const d = evaluate(rules, { item: { form: 'component', magnetType: 'ndfeb', chinaOrigin: true }, shipFrom: 'US', ...dod }, '2026-06-01');
    expect(d.verdict).toBe('prohibited');
    expect(d.citations.map((c) => c.source)).toContain('US-DFARS-7052');
  });

  it('prohibits a part made in the US holding NdFeB magnets made in China, but not one holding only Chinese material', () => {
    const actuators = { item: { form: 'component' as const, magnetType: 'ndfeb' as const, chinaOrigin: false, hasChineseContent: true }, madeIn: 'US', shipFrom: 'US', ...dod };
    const madeParts = evaluate(rules, { ...actuators, item: { ...actuators.item, chineseMadeParts: true } }, '2026-06-01');
    expect(madeParts.fired.find((r) => r.ruleId === 'dfars-covered-country-magnets')?.contributes).toBe('prohibited');
    const material = evaluate(rules, actuators, '2026-06-01');
    expect(material.trace.find((r) => r.ruleId === 'dfars-covered-country-magnets')?.match).toBe('false');
  });

  it('counts magnets made in Russia, and not magnets made in Japan of material not said', () => {
    const ru = evaluate(rules, { item: { form: 'magnet', magnetType: 'smco' }, madeIn: 'RU', shipFrom: 'US', ...dod }, '2026-06-01');
    expect(ru.fired.find((r) => r.ruleId === 'dfars-covered-country-magnets')?.contributes).toBe('prohibited');
    const jp = evaluate(rules, { item: { form: 'magnet', magnetType: 'smco' }, madeIn: 'JP', shipFrom: 'JP', ...dod }, '2026-06-01');
    expect(jp.trace.find((r) => r.ruleId === 'dfars-covered-country-magnets')?.match).toBe('false');
  });

  it('does not reach ferrite magnets, nor Chinese NdFeB magnets for a civil US buyer', () => {
    const ferrite = evaluate(rules, { item: { form: 'magnet', magnetType: 'ferrite', chinaOrigin: true }, shipFrom: 'US', ...dod }, '2026-06-01');
    expect(ferrite.trace.find((r) => r.ruleId === 'dfars-covered-country-magnets')?.match).toBe('false');
    const civil = evaluate(rules, { item: { form: 'magnet', magnetType: 'ndfeb', chinaOrigin: true }, shipFrom: 'US', destination: 'US', endUser: { kind: 'civil' } }, '2026-06-01');
    expect(civil.trace.find((r) => r.ruleId === 'dfars-covered-country-magnets')?.match).toBe('false');
  });
});

describe('the 1 January 2027 extension to Chinese-mined material', () => {
  const madeInVietnam = { item: { form: 'magnet' as const, magnetType: 'ndfeb' as const, hasChineseContent: true }, madeIn: 'VN', ...dod };

  it('escalates before the date: the delivery may fall after it', () => {
    const d = evaluate(rules, madeInVietnam, '2026-10-01');
    expect(d.verdict).toBe('escalate');
    expect(d.fired.find((r) => r.ruleId === 'dfars-2027-expansion-ahead')?.contributes).toBe('escalate');
  });

  it('prohibits from the date, and the escalation is then moot', () => {
    const d = evaluate(rules, madeInVietnam, '2027-01-01');
    expect(d.verdict).toBe('prohibited');
    expect(d.trace.find((r) => r.ruleId === 'dfars-2027-expansion-ahead')?.overriddenBy).toBe('dfars-mined-material-2027');
  });

  it('takes a magnet of a family not said, holding Chinese rare-earth material, as a rare-earth magnet', () => {
    const d = evaluate(rules, { item: { form: 'magnet', hasChineseContent: true }, madeIn: 'CA', ...dod }, '2026-10-01');
    expect(d.verdict).toBe('escalate');
    expect(d.missing.map((m) => m.fact)).not.toContain('item.magnetType');
  });
});

describe('DoD deliveries read from the question', () => {
  it('decides a US contractor\'s question about Chinese magnets in an Army delivery', () => {
    const r = newAssistant().handle(msg('We build gimbal actuators for a Pentagon program here in Ohio. Is it OK to fit sintered NdFeB magnets from a Chinese supplier?'));
    expect(r.verdict).toBe('prohibited');
    expect(r.citations.map((c) => c.source)).toContain('US-DFARS-7052');
  });

  it('reads magnets in a product "sourced from China", even by way of another plant, as made in China', () => {
    const r = newAssistant('2026-07-01T09:00:00Z').handle(msg('Our Texas unit quotes servo drives for a US Army contract. The servo motor uses SmCo magnets sourced from China through our Mexican site. OK?', 'c-dfars-src'));
    expect(r.facts?.item?.chineseMadeParts).toBe(true);
    expect(r.verdict).toBe('prohibited');
  });

  it('decides a delivery after 1 January 2027 of magnets made abroad from Chinese-separated oxide on that day', () => {
    const r = newAssistant('2026-09-15T09:00:00Z').handle(msg('Our NdFeB magnets come from a plant in Malaysia that uses oxide separated in China. First DoD deliveries are in March 2027. Is that a problem?', 'c-dfars-2027'));
    expect(r.verdict).toBe('prohibited');
  });

  it('reads a European supplier to a US Army program as in DoD supply, though its magnets go to Europe first', () => {
    const r = newAssistant('2026-10-01T09:00:00Z').handle(msg('Czech actuator maker supplying a US Army program. Our actuators use SmCo magnets made in Ningbo. Is that an issue?', 'c-dfars-eu'));
    expect(r.verdict).toBe('prohibited');
    expect(r.citations.map((c) => c.source)).toContain('US-DFARS-7052');
  });

  it('decides a question that names the clause when it gives the facts the clause turns on (brief R21 gives its verdict)', () => {
    const r = newAssistant('2026-10-12T09:00:00Z').handle(msg('Hydraulic valve maker in Ohio: our US Navy submarine deliveries carry 252.225-7052 in the contract. The SmCo rings are sintered in Baotou. Are we compliant under DFARS?', 'c-dfars-named-facts'));
    expect(r.verdict).toBe('prohibited');
    expect(r.citations.map((c) => c.source)).toContain('US-DFARS-7052');
    expect(r.reasons.join(' ')).toMatch(/US contracts team/);
  });

  it('keeps a question about the clause itself out of scope, with its pointer', () => {
    const r = newAssistant().handle(msg('How do we document compliance with DFARS 252.225-7052 for our magnets?', 'c-dfars-named'));
    expect(r.verdict).toBe('none');
    expect(r.intent.name).toBe('out_of_scope');
  });
});
