/** Loading natural's classifiers leaves the process's Math.sign as the runtime defines it. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { trainIntentModel } from '../../src/nlu/classifier.js';

describe("natural's classifiers", () => {
  it('leave Math.sign(0) at 0 once loaded through classifier.ts', () => {
    expect(typeof trainIntentModel).toBe('function');
    expect(Math.sign(0)).toBe(0);
    expect(Object.is(Math.sign(-0), -0)).toBe(true);
    expect([Math.sign(-3), Math.sign(5), Math.sign(Number.NaN)]).toEqual([-1, 1, Number.NaN]);
  });

  it('replace it when loaded bare, in a fresh process (why natural-classifiers.ts puts it back)', () => {
    const script = "require('natural/lib/natural/classifiers/bayes_classifier.js'); process.stdout.write(String(Math.sign(0)));";
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('1');
  });
});
