/** A ban aimed at the destination country, for a military end user there, is said and cited even when it does not apply. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { rules } from '../support/understanding.js';

const sources = (d: ReturnType<typeof evaluate>) => d.citations.map((c) => c.source);
const militaryUs = { endUser: { kind: 'military' as const, country: 'US' }, endUses: ['military' as const] };

describe('destination bans beside the verdict', () => {
  it('say why No. 46 art. 1 does not reach rotor assemblies for a US Army depot, and cite it, beside the escalation', () => {
    const d = evaluate(rules, { shipFrom: 'CN', destination: 'US', ...militaryUs, item: { elementsPresent: ['Dy'], form: 'component', downstream: 'rotor_stator_assembly' } }, '2026-11-28');
    expect(d.verdict).toBe('escalate');
    expect(sources(d)).toContain('CN-ANN-2024-46');
    expect(d.reasons).toContainEqual(expect.stringMatching(/^Announcement 2024 No\. 46 art\. 1 .* does not apply/));
  });

  it('do not name No. 46 for a civil US customer (nothing there comes near the ban)', () => {
    const d = evaluate(rules, { shipFrom: 'CN', destination: 'US', endUser: { kind: 'civil' }, endUses: ['civil'], item: { elementsPresent: ['Sm'], compositionComplete: true, form: 'metal' } }, '2026-03-01');
    expect(d.verdict).toBe('license_required');
    expect(sources(d)).not.toContain('CN-ANN-2024-46');
  });

  it('do not name No. 46 for goods that never leave China', () => {
    const d = evaluate(rules, { shipFrom: 'DE', madeIn: 'DE', destination: 'US', ...militaryUs, item: { elementsPresent: ['Cu'], compositionComplete: true, chinaOrigin: false } }, '2026-03-01');
    expect(sources(d)).not.toContain('CN-ANN-2024-46');
  });
});
