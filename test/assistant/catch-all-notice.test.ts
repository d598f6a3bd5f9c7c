/**
 * The catch-all's notice (brief R16: Export Control Law art. 12(3), Dual-Use Regulations art. 14(3)): when MOFCOM tells
 * an exporter that goods need a licence, even unlisted goods (Dy-free NdFeB, ferrite) need one. Phrasings written for
 * these tests; a notice noun alone ("the MOFCOM notice extending the suspension") is an announcement, not a notice served.
 */
import { describe, expect, it } from 'vitest';
import { readFrame } from '../../src/nlu/extract-facts.js';
import { evaluate } from '../../src/rules/engine.js';
import { msg, newAssistant, rules, sourceIds, understanding } from '../support/understanding.js';

const frame = (text: string) => readFrame(text, understanding.lexicon, sourceIds).frame;
const ferrite = () => ({ form: 'magnet' as const, magnetType: 'ferrite' as const, elementsPresent: ['Fe' as const], compositionComplete: true });

describe('reading a MOFCOM notice to the exporter', () => {
  it.each([
    'Our vendor in Ningbo was notified by MOFCOM that exports of Dy-free NdFeB magnets to our company require a licence.',
    'The supplier in Xiamen got a letter from the ministry saying our ferrite magnet orders need a licence from now on.',
    'Now they say MOFCOM sent them a written notice that shipments to our customer need a licence.',
    'MOFCOM informed our supplier that these orders must have a dual-use licence.',
  ])('reads a notice served on the exporter: %s', (text) => {
    expect(frame(text).mofcomNotice).toBe(true);
  });

  it.each([
    'MOFCOM issued a notice extending the suspension. Do Dy-free NdFeB magnets from Ningbo to Germany need a licence?',
    'MOFCOM informed our supplier in Ningbo that the licence is approved.',
    'Our supplier in Ningbo has not been notified by MOFCOM that our orders need a licence.',
    'Is there an official MOFCOM notice yet on the extension? We need to plan Q1 shipments.',
  ])('reads no notice served where none is said: %s', (text) => {
    expect(frame(text).mofcomNotice).toBeUndefined();
  });
});

describe('deciding on a notice', () => {
  it('makes unlisted goods from China need a licence, citing the catch-all', () => {
    const d = evaluate(rules, { item: ferrite(), shipFrom: 'CN', mofcomNotice: true }, '2026-03-30');
    expect(d.verdict).toBe('license_required');
    expect(d.fired.find((r) => r.ruleId === 'catch-all')?.contributes).toBe('license_required');
    expect(evaluate(rules, { item: ferrite(), shipFrom: 'CN' }, '2026-03-30').verdict).toBe('not_required');
  });

  it('answers a follow-up that reports the notice with a licence, and says it read the notice', () => {
    const a = newAssistant('2026-02-12T09:00:00Z');
    a.handle(msg('Our Chinese supplier ships us Dy-free NdFeB magnets for e-bike motors, so far no licence.', 'cn-1'));
    const r = a.handle(msg('Now the supplier says MOFCOM sent him a notice that our orders need a licence because of the end use. How, if the magnets are not listed?', 'cn-1'));
    expect(r.verdict).toBe('license_required');
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ECL-2020', 'CN-DUR-2024']));
    expect(r.readAs?.text).toContain('MOFCOM has told the exporter a licence is needed');
  });
});
