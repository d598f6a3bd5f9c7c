/** `npm run bench` is a quick pass by default; the logistic-regression comparison and the README's sizes need --full. */
import { describe, expect, it } from 'vitest';
import { benchPlan, DEFAULT_SECTIONS, SECTION_NAMES } from '../../bench/plan.js';

describe('the bench plan', () => {
  it('by default runs every section but PostgreSQL\'s, small, and without logistic regression', () => {
    const plan = benchPlan([]);
    expect(plan.sections).toEqual(SECTION_NAMES.filter((s) => s !== 'turns'));
    expect(plan.sections).toEqual(DEFAULT_SECTIONS);
    expect(plan).toMatchObject({ full: false, logistic: false, assistantTurns: 3_000, httpDurationS: 1, bomLines: 4_000 });
  });

  it('with --full measures what the README quotes, logistic regression included', () => {
    expect(benchPlan(['--full'])).toMatchObject({ full: true, logistic: true, assistantTurns: 12_000, httpDurationS: 6, bomLines: 20_000, slackDurationMs: 10_000 });
  });

  it('runs one section with --only, and refuses a section or option it does not know', () => {
    expect(benchPlan(['--only', 'bom', '--full']).sections).toEqual(['bom']);
    expect(() => benchPlan(['--only', 'nope'])).toThrow(/--only takes one of cold, assistant/);
    expect(() => benchPlan(['--logistic'])).toThrow(/unknown option --logistic/);
  });

  it('adds the turn pipeline on PostgreSQL (a throwaway cluster) with --postgres', () => {
    expect(benchPlan(['--postgres']).sections).toEqual(SECTION_NAMES);
    expect(benchPlan(['--only', 'turns'])).toMatchObject({ sections: ['turns'], turnsPerInstance: 400 });
  });
});
