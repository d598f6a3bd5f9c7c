/** Run as its own process: milliseconds from process start to the first answer, printed as JSON. */
import { performance } from 'node:perf_hooks';
import { Assistant } from '../src/assistant/assistant.js';
import { createUnderstanding } from '../src/assistant/create-understanding.js';
import { INTENTS_DIR, RULES_DIR } from '../src/core/paths.js';
import { loadRuleSet } from '../src/rules/loader.js';

const rules = loadRuleSet(RULES_DIR);
const { understander } = createUnderstanding(rules, RULES_DIR, INTENTS_DIR);
const assistant = new Assistant({ rules, understander });
const reply = assistant.handle({ id: 'cold', text: 'Do Dy magnets from Ningbo to Germany need a licence?', user: 'u', conversation: 'cold', channel: 'cli', receivedAt: new Date() });
process.stdout.write(`${JSON.stringify({ coldStartMs: performance.now(), verdict: reply.verdict, rssMb: process.memoryUsage().rss / 2 ** 20 })}\n`);
