/**
 * The web's HumanChannel. The console reads cases straight from the database, so posting and updating a case
 * card only hands back a reference; a decision goes into the asker's inbox, which their chat page polls; alerts
 * are kept for the console to show.
 */
import type { AnswerUpdate } from '../../cases/answer-update.js';
import type { CaseView } from '../../cases/case-view.js';
import { HumanChannelError, type HumanChannel } from '../../cases/human-channel.js';
import type { Clock } from '../../core/clock.js';
import type { Notice } from './inbox-store.js';

/** Where decisions and alerts are kept: SQLite's InboxStore and AlertStore, or the shared ports (either engine). */
export interface WebInboxWrites {
  add(conversation: string, key: string, notice: Notice, at: Date): unknown;
}
export interface WebAlertWrites {
  add(key: string, text: string, at: Date): unknown;
}

export class WebHumanChannel implements HumanChannel {
  constructor(
    private readonly inbox: WebInboxWrites,
    private readonly alerts: WebAlertWrites,
    private readonly clock: Clock,
  ) {}

  async postCase(c: CaseView): Promise<{ ref: string }> {
    return { ref: `web:${c.id}` };
  }

  async updateCase(): Promise<void> {
    // Nothing to update: the console renders the case from the database on every request.
  }

  async notifyAsker(c: CaseView): Promise<void> {
    // Retrying cannot fix either of these, so the dispatcher should dead-letter rather than loop.
    if (c.replyTo.channel !== 'web') throw new HumanChannelError(`${c.id} was asked on ${c.replyTo.channel}, not the web`, { permanent: true });
    const r = c.resolution;
    if (!r) throw new HumanChannelError(`${c.id} has no decision to send`, { permanent: true });
    await this.inbox.add(c.replyTo.conversation, `${c.id}:${r.at}`, {
      caseId: c.id, decision: r.decision, note: r.note, by: r.by.name ?? r.by.user, decidedAt: r.at,
    }, this.clock.now());
  }

  async notifyAnswerChanged(u: AnswerUpdate): Promise<void> {
    if (u.replyTo.channel !== 'web') throw new HumanChannelError(`answer update ${u.id} is for ${u.replyTo.channel}, not the web`, { permanent: true });
    await this.inbox.add(u.replyTo.conversation, `answer-update:${u.id}`, {
      kind: 'answer_update', verdict: u.verdict, text: u.text, citations: u.citations, at: u.at,
    }, this.clock.now());
  }

  async postAlert(text: string, key: string): Promise<void> {
    await this.alerts.add(key, text, this.clock.now());
  }
}
