/**
 * The audit payload of an answer, built the same way by both engines (case-service.ts on SQLite,
 * postgres/pg-turn-cases.ts): the both-engines test compares the records they write.
 */
import type { Message } from '../contracts/message.js';
import type { Reply } from '../contracts/reply.js';
import { askedItem } from './asked-item.js';
import type { JsonObject } from './canonical-json.js';

/**
 * A citation as the audit record keeps it: its source and article. Titles and links are the rules data's at the
 * record's rulesVersion, so repeating them in every record would only add bytes (records written before keep
 * theirs, and verify as written).
 */
function citedAs(c: Reply['citations'][number]): { source: string; article?: string } {
  return { source: c.source, ...(c.article ? { article: c.article } : {}) };
}

export function answerPayload(questionSeq: number, m: Message, r: Reply): JsonObject {
  const item = askedItem(r.facts);
  return {
    questionSeq, messageId: m.id, verdict: r.verdict, intent: r.intent.name, rulesVersion: r.rulesVersion,
    asOf: r.asOf, fired: r.fired.map((f) => f.ruleId), citations: r.citations.map(citedAs), escalation: r.escalation.state,
    ...(r.escalation.caseId ? { caseId: r.escalation.caseId } : {}), ...(item ? { item } : {}),
  };
}
