/**
 * A HumanChannel that keeps what it is sent in memory: for tests, and for running without a chat platform.
 * `failNext` makes the next calls throw, to exercise the outbox's retries.
 */
import type { AnswerUpdate } from './answer-update.js';
import type { CaseView } from './case-view.js';
import type { HumanChannel } from './human-channel.js';

export type MemoryCall =
  | { readonly op: 'postCase'; readonly caseId: string; readonly state: CaseView['state']; readonly ref: string }
  | { readonly op: 'updateCase'; readonly caseId: string; readonly state: CaseView['state']; readonly ref: string }
  | { readonly op: 'notifyAsker'; readonly caseId: string; readonly decision: string | null; readonly conversation: string }
  | { readonly op: 'postAlert'; readonly text: string; readonly key: string }
  | { readonly op: 'notifyAnswerChanged'; readonly updateId: number; readonly conversation: string; readonly verdict: string; readonly text: string; readonly citations: readonly string[] };

export class MemoryHumanChannel implements HumanChannel {
  readonly calls: MemoryCall[] = [];
  private readonly failures: Error[] = [];
  private nextRef = 1;

  constructor(readonly name = 'memory') {}

  /** The next `errors.length` calls throw these errors, in order. */
  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async postCase(c: CaseView): Promise<{ ref: string }> {
    this.maybeFail();
    const ref = `${this.name}-msg-${this.nextRef++}`;
    this.calls.push({ op: 'postCase', caseId: c.id, state: c.state, ref });
    return { ref };
  }

  async updateCase(c: CaseView, ref: string): Promise<void> {
    this.maybeFail();
    this.calls.push({ op: 'updateCase', caseId: c.id, state: c.state, ref });
  }

  async notifyAsker(c: CaseView): Promise<void> {
    this.maybeFail();
    this.calls.push({
      op: 'notifyAsker', caseId: c.id, decision: c.resolution?.decision ?? null, conversation: c.replyTo.conversation,
    });
  }

  async notifyAnswerChanged(u: AnswerUpdate): Promise<void> {
    this.maybeFail();
    this.calls.push({
      op: 'notifyAnswerChanged', updateId: u.id, conversation: u.replyTo.conversation, verdict: u.verdict, text: u.text,
      citations: u.citations.map((c) => c.source),
    });
  }

  async postAlert(text: string, key: string): Promise<void> {
    this.maybeFail();
    this.calls.push({ op: 'postAlert', text, key });
  }

  callsOf<K extends MemoryCall['op']>(op: K): Extract<MemoryCall, { op: K }>[] {
    return this.calls.filter((c): c is Extract<MemoryCall, { op: K }> => c.op === op);
  }

  private maybeFail(): void {
    const err = this.failures.shift();
    if (err) throw err;
  }
}
