import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/cases/canonical-json.js';
import { factsKey, normaliseFacts } from '../../src/cases/normalise-facts.js';

describe('normaliseFacts', () => {
  it('sorts keys and arrays and drops asOf, so the same facts give the same string', () => {
    const a = normaliseFacts({ destination: 'US', item: { form: 'magnet', elementsPresent: ['Nd', 'Dy'] }, asOf: '2026-01-01' });
    const b = normaliseFacts({ item: { elementsPresent: ['Dy', 'Nd'], form: 'magnet' }, destination: 'US', asOf: '2026-05-05' });
    expect(a).toBe(b);
    expect(a).toBe('{"destination":"US","item":{"elementsPresent":["Dy","Nd"],"form":"magnet"}}');
  });

  it('treats arrays as sets and drops empty objects, which say nothing', () => {
    expect(normaliseFacts({ endUses: ['civil', 'civil'], endUser: {}, collaboration: {} })).toBe('{"endUses":["civil"]}');
    expect(normaliseFacts({})).toBe('{}');
  });

  it('keeps facts that differ apart, including false versus unknown', () => {
    expect(normaliseFacts({ item: { chinaOrigin: false } })).not.toBe(normaliseFacts({}));
    expect(factsKey({ destination: 'US' })).not.toBe(factsKey({ destination: 'DE' }));
    expect(factsKey({ destination: 'US' })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 2 }], a: null, c: undefined })).toBe('{"a":null,"b":[3,{"a":2,"z":1}]}');
  });

  it('refuses values JSON would silently change', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });
});
