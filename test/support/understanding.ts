/** The real rules and language side, built once per test file. */
import { Assistant } from '../../src/assistant/assistant.js';
import { createUnderstanding } from '../../src/assistant/create-understanding.js';
import type { Message } from '../../src/contracts/message.js';
import { fixedClock } from '../../src/core/clock.js';
import { loadRuleSet } from '../../src/rules/loader.js';

export const rules = loadRuleSet('rules');
export const understanding = createUnderstanding(rules, 'rules', 'intents');
export const sourceIds = [...rules.sources.keys()];

export function newAssistant(today = '2026-03-01T09:00:00Z', cases?: ConstructorParameters<typeof Assistant>[0]['cases']): Assistant {
  return new Assistant({ rules, understander: understanding.understander, clock: fixedClock(today), ...(cases ? { cases } : {}) });
}

let n = 0;
export function msg(text: string, conversation = 'c1', extra: Partial<Message> = {}): Message {
  n++;
  return { id: `m${n}`, text, user: 'U1', conversation, channel: 'cli', receivedAt: new Date('2026-03-01T09:00:00Z'), ...extra };
}
