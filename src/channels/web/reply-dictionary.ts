/**
 * A preset deflate dictionary for the web transcript's kept replies, built from the rule set: an answer's headline,
 * reasons, next steps, citations and rule titles are mostly the rules' own sentences, so a dictionary of those
 * sentences lets each row be stored as little more than references into it (about 1.1 KB a row deflated alone,
 * about 0.5 KB with it). The dictionary is stored in the database (transcript_dictionaries) with the rows that used
 * it, so rows written under rules since edited still inflate.
 */
import { createHash } from 'node:crypto';
import type { RuleSet } from '../../rules/ruleset.js';

/** Deflate's window: a preset dictionary longer than this is cut to its end. */
const WINDOW = 32_768;
/** Shorter strings are ids and codes, which cost a reference as much as they save. */
const MIN_CHARS = 12;

/**
 * The JSON skeleton of a kept reply with its fixed phrases, placed last (nearest the data, so cheapest to refer to).
 * Only a compression hint: a reply of any other shape still compresses and inflates exactly.
 */
const SKELETON = [
  '{"headline":"","verdict":"license_required","intent":{"name":"","confidence":0.99},"reasons":[""],',
  '"citations":[{"source":"","article":"","title":""}],"followUps":[],"nextSteps":[""],"escalation":{"state":"offered"},',
  '"missing":[],"disclaimer":"Not legal advice. Based on Lodestone rules version  as of ; when unsure, ask compliance.",',
  '"rulesVersion":"","asOf":"","readAs":{"text":"I read this as: ","corrections":[{"id":"","label":"","patch":{}}]},',
  '"fired":[{"ruleId":"","title":"","match":"true","status":"in_force","statusNote":"in force on ",',
  '"contributes":"license_required","overriddenBy":null,"confirmed":true}]}',
].join('');

export interface ReplyDictionary {
  /** sha256 of the bytes, hex: the same rules give the same dictionary, stored once. */
  readonly digest: string;
  readonly bytes: Buffer;
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= MIN_CHARS) into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectStrings(v, into);
  } else if (value instanceof Map) {
    for (const v of value.values()) collectStrings(v, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) collectStrings(v, into);
  }
}

/** The dictionary for `rules`: the rules', sources', questions' and topics' sentences, then the reply skeleton. */
export function replyDictionary(rules: Pick<RuleSet, 'rules' | 'sources' | 'questions' | 'topics'>): ReplyDictionary {
  const strings = new Set<string>();
  collectStrings(rules.rules, strings);
  collectStrings(rules.sources, strings);
  collectStrings(rules.questions, strings);
  collectStrings(rules.topics, strings);
  const all = Buffer.from(`${[...strings].join('\n')}\n${SKELETON}`, 'utf8');
  const bytes = Buffer.from(all.subarray(Math.max(0, all.length - WINDOW)));
  return { digest: createHash('sha256').update(bytes).digest('hex'), bytes };
}
