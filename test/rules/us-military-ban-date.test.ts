/**
 * us-military-ban: Announcement 2024 No. 46 art. 1 bans dual-use items to US military users from 2024-12-03, but the
 * goods the rule reads became dual-use items only when No. 18 listed them on 2025-04-04 (brief R1, R18).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { rules } from '../support/understanding.js';

const smcoToUsArmy = { item: { form: 'magnet' as const, magnetType: 'smco' as const }, shipFrom: 'CN', destination: 'US', endUser: { kind: 'military' as const } };

describe('us-military-ban and the day No. 18 listed the goods', () => {
  const ban = (asOf: string) => evaluate(rules, smcoToUsArmy, asOf).fired.find((r) => r.ruleId === 'us-military-ban');

  it('prohibits SmCo magnets for a US military user once No. 18 is in force', () => {
    expect(ban('2025-04-04')).toMatchObject({ match: 'true', status: 'in_force', contributes: 'prohibited' });
  });

  it('does not reach the same magnets shipped before 2025-04-04, when they were no dual-use item', () => {
    expect(ban('2025-03-20')).toMatchObject({ status: 'not_yet', contributes: 'not_required' });
  });
});
