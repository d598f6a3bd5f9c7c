/** Reads `intents/train/*.txt` and `intents/heldout/*.txt`: one utterance a line, the file name is the intent. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTENTS, type Intent } from '../contracts/reply.js';

export interface Example {
  readonly text: string;
  readonly intent: Intent;
}

export function readExamples(intentsDir: string, split: 'train' | 'heldout' | 'dev'): Example[] {
  const out: Example[] = [];
  for (const intent of INTENTS) {
    const file = join(intentsDir, split, `${intent}.txt`);
    const lines = readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#'));
    for (const text of lines) out.push({ text, intent });
  }
  return out;
}
