/**
 * Child process for crash-safety.test.ts (bundled to plain JS there, then forked). It opens a case in the
 * database at CRASH_DB and, in mode `after-post`, also dispatches it to a channel that logs each post to
 * CRASH_POSTS. It then tells the parent where it got to and idles until the parent SIGKILLs it.
 */
import { appendFileSync } from 'node:fs';
import { CaseService } from '../../src/cases/case-service.js';
import type { CaseView } from '../../src/cases/case-view.js';
import type { HumanChannel } from '../../src/cases/human-channel.js';
import { OutboxDispatcher } from '../../src/cases/outbox-dispatcher.js';
import { escalation, officers } from './fixtures.js';

const dbPath = process.env['CRASH_DB'] ?? '';
const postsFile = process.env['CRASH_POSTS'] ?? '';
const mode = process.env['CRASH_MODE'];

class FileLoggingChannel implements HumanChannel {
  async postCase(c: CaseView): Promise<{ ref: string }> {
    appendFileSync(postsFile, `${c.id}\n`);
    return { ref: `child-${c.id}` };
  }
  async updateCase(): Promise<void> {}
  async notifyAsker(): Promise<void> {}
  async postAlert(): Promise<void> {}
}

async function main(): Promise<void> {
  const svc = new CaseService({ db: dbPath, officers });
  const { case: c } = svc.openCase(escalation());
  if (mode === 'after-post') {
    await new OutboxDispatcher({ db: svc.db, channels: { slack: new FileLoggingChannel() } }).runOnce();
  }
  process.send?.({ reached: mode, caseId: c.id });
  // Keep the database open and the process alive: the parent kills us here.
  setInterval(() => undefined, 60_000);
}

void main();
