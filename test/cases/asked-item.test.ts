/** The asked item in the answer's audit record: a short normalised label from the facts, and old records without one still verify. */
import { afterEach, describe, expect, it } from 'vitest';
import { askedItem } from '../../src/cases/asked-item.js';
import type { CaseService } from '../../src/cases/case-service.js';
import { magnetFacts, message, reply, service } from './fixtures.js';

describe('askedItem', () => {
  it('names the magnet kind and form, with the elements the kind does not already say', () => {
    expect(askedItem({ item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Fe', 'B', 'Dy'] } })).toBe('NdFeB magnet (Dy)');
    expect(askedItem({ item: { form: 'magnet', magnetType: 'ndfeb' } })).toBe('NdFeB magnet');
    expect(askedItem({ item: { form: 'magnet_powder', magnetType: 'smco', elementsPresent: ['Sm', 'Co', 'Gd'] } })).toBe('SmCo magnet powder (Gd)');
  });

  it('gives the same label whatever order the elements were named in', () => {
    const a = askedItem({ item: { form: 'oxide', elementsPresent: ['Tb', 'Dy'] } });
    expect(a).toBe('oxide (Tb, Dy)');
    expect(askedItem({ item: { form: 'oxide', elementsPresent: ['Dy', 'Tb', 'Dy'] } })).toBe(a);
  });

  it('names built-in goods by what they are built into', () => {
    expect(askedItem({ item: { form: 'component', downstream: 'motor', magnetType: 'ndfeb', elementsPresent: ['Dy'] } })).toBe('motor with NdFeB magnets (Dy)');
  });

  it('keeps free text out (the payload cannot be redacted) and long element lists short', () => {
    const label = askedItem({ item: { description: 'secret project Falcon rotor', form: 'alloy', elementsPresent: ['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Y'] } });
    expect(label).toBe('alloy (Sm, Gd, Tb, Dy, …)');
    expect(label).not.toContain('Falcon');
  });

  it('is undefined when no goods were named', () => {
    expect(askedItem(undefined)).toBeUndefined();
    expect(askedItem({ destination: 'US', collaboration: { kind: 'joint_rnd' } })).toBeUndefined();
    expect(askedItem({ item: { description: 'a thing' } })).toBeUndefined();
    expect(askedItem({ item: { elementsPresent: ['Ga'] } })).toBe('goods (Ga)');
  });
});

describe('the answer audit record', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('carries the asked item; an answer without facts has none, and the chain of both verifies', () => {
    ({ svc } = service());
    svc.recordQuestion(message(), reply());
    svc.recordQuestion(message(), { ...reply(), facts: magnetFacts });
    const answers = svc.audit.records().filter((r) => r.kind === 'answer');
    expect(answers.map((a) => a.payload.item)).toEqual([undefined, 'NdFeB magnet (Dy)']);
    expect(svc.audit.verifyAudit()).toMatchObject({ ok: true, count: 4 });
    expect(svc.verifyAuditTrail()).toMatchObject({ ok: true });
  });
});
