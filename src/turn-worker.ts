/**
 * The turn worker: a worker thread that answers the web chat's turns on its own SQLite connection, so the HTTP
 * thread only parses, validates and renders. A turn's synchronous work (understanding, deciding, the case, the audit
 * records, the transcript row, and the group commit's fsync under synchronous=FULL) used to run on the HTTP event
 * loop and hold it for the whole batch: event-loop lag p99 could not go below the disk's fsync p99. Here it holds
 * only this thread, and the turns use the machine's second core.
 *
 * It is composed like the HTTP thread's answering side (answering.ts) on the same database file: WAL lets both
 * connections read at once, and SQLite's write lock (BEGIN IMMEDIATE, busy_timeout) serialises their commits, so the
 * audit chain stays one chain (each append reads the head inside its transaction). Statuses officers record on the
 * HTTP thread reach these rules before the next turn (the overlay's newest id is checked per turn, as PostgreSQL's
 * instances do). Audit anchors are written by the HTTP thread, which is told after each committed turn.
 *
 * Conversation state lives with the assistant that answers, so every web turn goes through this worker once it is
 * running; a restart after a crash starts with no remembered conversations, as a process restart does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { composeAnswering } from './answering.js';
import { TurnPipeline } from './assistant/turn-pipeline.js';
import { openCaseDatabase } from './cases/database.js';
import { readStatusRecords } from './cases/status-overlay-store.js';
import { sqliteChatTurns } from './channels/web/chat-turns.js';
import { replyDictionary } from './channels/web/reply-dictionary.js';
import { TranscriptStore } from './channels/web/transcript-store.js';
import { GroupCommit } from './core/group-commit.js';
import { rulesAndModels } from './language-models-cache.js';
import { CurrentRules } from './rules/current-rules.js';
import { assertNever } from './rules/verdict.js';
import { TurnWorkerInitSchema, type FromWorker, type ToWorker } from './turn-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('turn-worker.ts runs as a worker thread (see turn-worker-client.ts), not on its own');

const init = TurnWorkerInitSchema.parse(workerData);
const built = rulesAndModels(init.rulesDir, init.intentsDir);
const db = openCaseDatabase(init.dbFile);
const rules = new CurrentRules(built.rules, readStatusRecords(db));
const newestStatus = db.prepare("SELECT max(id) FROM rule_status_overlay").pluck();
// The HTTP thread's clock, as each turn carries it: a turn is decided, and its case and audit records dated, at the
// moment it was received there (a test's fixed clock holds here too).
let receivedAt = new Date();
const clock = { now: () => receivedAt };
// Each turn's understanding-and-deciding time, by message id, until its answer is sent (a batch answers several).
const seconds = new Map<string, number>();
const answering = composeAnswering({
  db, rules, understander: built.models.understander, clock, officers: init.officers, reminderHours: init.reminderHours,
  observe: (message, _reply, s) => { seconds.set(message.id, s); },
});
const turns = new TurnPipeline({
  commits: new GroupCommit(db, { budgetMs: init.budgetMs }),
  deliveries: answering.dedupe,
  answer(message) {
    // A status an officer recorded since the last turn applies to this one (a read of one index entry per turn).
    const newest = newestStatus.get();
    if (typeof newest === 'number' && newest !== (rules.records.at(-1)?.id ?? 0)) rules.update(readStatusRecords(db));
    receivedAt = message.receivedAt;
    return answering.answer(message);
  },
});
const chat = sqliteChatTurns(turns, new TranscriptStore(db, replyDictionary(built.rules)));

const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (raw: ToWorker) => {
  switch (raw.type) {
    case 'ask': {
      const { id, conversation, message, key } = raw;
      chat.ask(conversation, message, key).then(
        (outcome) => {
          const took = outcome.kind === 'answered' ? seconds.get(message.id) ?? 0 : 0;
          if (outcome.kind === 'answered') seconds.delete(message.id);
          send({ type: 'answered', id, outcome, seconds: took });
        },
        (err: unknown) => {
          send({ type: 'failed', id, error: err instanceof Error ? err.message : String(err) });
        },
      );
      return;
    }
    case 'close':
      // Turns already taken commit first: the group commit's batches run on setImmediate, which this waits behind.
      setImmediate(() => {
        db.close();
        send({ type: 'closed' });
        port.close();
      });
      return;
    default:
      assertNever(raw, 'message to the turn worker');
  }
});
send({ type: 'ready' });
