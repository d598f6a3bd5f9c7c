/**
 * What the HTTP thread and the turn worker (turn-worker.ts) say to each other. Messages cross a worker_threads port,
 * which copies them by structured clone: plain data, Dates and Buffers, no functions or classes. The init data is
 * checked with zod where the worker reads it; the per-turn messages are built by this code on both ends (no outside
 * input crosses here that the web routes have not validated), so they are typed rather than parsed, which keeps the
 * port's cost per turn to the copy.
 */
import { z } from 'zod';
import type { TurnOutcome } from './assistant/turn-pipeline.js';
import type { Message } from './contracts/message.js';
import type { Turn } from './channels/web/transcript-store.js';

export const TurnWorkerInitSchema = z.object({
  dbFile: z.string().min(1),
  rulesDir: z.string().min(1),
  intentsDir: z.string().min(1),
  officers: z.object({ slack: z.array(z.string()), teams: z.array(z.string()), web: z.array(z.string()) }),
  reminderHours: z.number().positive(),
  /** Longest a batch of turns may take before it commits (the group commit's budget). */
  budgetMs: z.number().positive(),
});
export type TurnWorkerInit = z.infer<typeof TurnWorkerInitSchema>;

export type ToWorker =
  | { readonly type: 'ask'; readonly id: number; readonly conversation: string; readonly message: Message; readonly key: string | undefined }
  | { readonly type: 'close' };

export type FromWorker =
  | { readonly type: 'ready' }
  | {
    readonly type: 'answered';
    readonly id: number;
    readonly outcome: TurnOutcome<Turn>;
    /** How long understanding and deciding took, for the turn-duration metric the HTTP thread exports. */
    readonly seconds: number;
  }
  | { readonly type: 'failed'; readonly id: number; readonly error: string }
  | { readonly type: 'closed' };
