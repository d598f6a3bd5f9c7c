/**
 * Child process for crash-safety.test.ts (bundled to plain JS there, then forked). It opens a case in the
 * database at CRASH_DB and, in mode `after-post`, also dispatches it to a channel that logs each post to
 * CRASH_POSTS. It then tells the parent where it got to and idles until the parent SIGKILLs it.
 *
 * Modes `mid-turn` and `turn` answer an escalating question through the real turn pipeline (assistant, case
 * service, delivery claim, group commit). `mid-turn` SIGKILLs itself between the steps: the case is opened and
 * its escalation audited, the question and answer not yet; it writes the case id it had opened to CRASH_POSTS
 * first. `turn` answers the same delivery twice and reports both outcomes.
 */
import { appendFileSync } from 'node:fs';
import { CaseService } from '../../src/cases/case-service.js';
import type { CaseView } from '../../src/cases/case-view.js';
import type { HumanChannel } from '../../src/cases/human-channel.js';
import { OutboxDispatcher } from '../../src/cases/outbox-dispatcher.js';
import { escalation, officers } from './fixtures.js';
import { Assistant } from '../../src/assistant/assistant.js';
import { createUnderstanding } from '../../src/assistant/create-understanding.js';
import { TurnPipeline } from '../../src/assistant/turn-pipeline.js';
import type { Message } from '../../src/contracts/message.js';
import type { Reply } from '../../src/contracts/reply.js';
import { DedupeStore } from '../../src/core/dedupe-store.js';
import { GroupCommit } from '../../src/core/group-commit.js';
import { INTENTS_DIR, RULES_DIR } from '../../src/core/paths.js';
import { loadRuleSet } from '../../src/rules/loader.js';

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
  async notifyAnswerChanged(): Promise<void> {}
  async postAlert(): Promise<void> {}
}

/** Dies where the pipeline has opened the case but not yet audited the question and the answer. */
class KilledBeforeQuestion extends CaseService {
  override recordQuestion(message: Message, reply: Reply): ReturnType<CaseService['recordQuestion']> {
    appendFileSync(postsFile, `${reply.escalation.caseId ?? 'no case'}\n`);
    process.kill(process.pid, 'SIGKILL');
    // SIGKILL cannot be caught; wait here rather than run on while it lands.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
    return super.recordQuestion(message, reply);
  }
}

async function turn(): Promise<void> {
  const rules = loadRuleSet(RULES_DIR);
  const { understander } = createUnderstanding(rules, RULES_DIR, INTENTS_DIR);
  const svc = mode === 'mid-turn' ? new KilledBeforeQuestion({ db: dbPath, officers }) : new CaseService({ db: dbPath, officers });
  const assistant = new Assistant({ rules, understander, cases: svc });
  const turns = new TurnPipeline({ commits: new GroupCommit(svc.db), deliveries: new DedupeStore(svc.db), answer: (m) => assistant.handle(m) });
  const message: Message = {
    id: 'EvCrash1', text: 'I want to talk to compliance about our terbium oxide shipment to Korea.', user: 'U-ASKER',
    conversation: 'C01-thread-crash', channel: 'slack', receivedAt: new Date(),
  };
  const outcomes = await Promise.all([1, 2].map(() => turns.run({ message, deliveryKey: 'slack:event:EvCrash1' })));
  const first = outcomes.find((o) => o.kind === 'answered');
  process.send?.({ reached: mode, caseId: first?.kind === 'answered' ? first.reply.escalation.caseId ?? 'no case' : 'none answered', outcomes: outcomes.map((o) => o.kind) });
  setInterval(() => undefined, 60_000);
}

async function main(): Promise<void> {
  if (mode === 'mid-turn' || mode === 'turn') return turn();
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
