/**
 * The held-out utterance files stay unseen by training. The scores on them are a measured target (macro-F1 0.93,
 * out-of-scope recall 0.9) that `npm run bench` prints; they are not asserted here, so that the held-out set
 * stays a measurement rather than a goal tuned against.
 */
import { describe, expect, it } from 'vitest';
import { INTENTS } from '../../src/contracts/reply.js';
import { readExamples } from '../../src/nlu/training-data.js';

const train = readExamples('intents', 'train');
const heldout = readExamples('intents', 'heldout');

describe('held-out intents', () => {
  it('keeps training and held-out utterances apart', () => {
    const trained = new Set(train.map((e) => e.text.toLowerCase()));
    expect(heldout.filter((e) => trained.has(e.text.toLowerCase()))).toEqual([]);
  });

  it('holds at least 25 held-out and 40 training utterances for every intent', () => {
    for (const intent of INTENTS) {
      expect(heldout.filter((e) => e.intent === intent).length, intent).toBeGreaterThanOrEqual(25);
      expect(train.filter((e) => e.intent === intent).length, intent).toBeGreaterThanOrEqual(40);
    }
  });
});
