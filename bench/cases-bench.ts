/**
 * Case throughput on a file-backed SQLite database in a temp dir, with production settings (WAL,
 * synchronous=FULL): cases opened per second, resolved per second, outbox rows delivered per second through a
 * no-op channel, and audit records verified per second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CaseService } from '../src/cases/case-service.js';
import type { HumanChannel } from '../src/cases/human-channel.js';
import type { OpenDatabaseOptions } from '../src/cases/database.js';
import { OutboxDispatcher } from '../src/cases/outbox-dispatcher.js';
import type { Decision } from '../src/rules/decision.js';

export interface CasesBenchOptions {
  readonly cases?: number;
  readonly synchronous?: OpenDatabaseOptions['synchronous'];
}

const decision: Decision = {
  verdict: 'escalate', reasons: ['bench'], citations: [], fired: [], trace: [], missing: [], nextSteps: [],
  rulesVersion: 'bench0000000', asOf: '2026-03-02',
};

const noop: HumanChannel = {
  postCase: async (c) => ({ ref: `ref-${c.id}` }),
  updateCase: async () => undefined,
  notifyAsker: async () => undefined,
  notifyAnswerChanged: async () => undefined,
  postAlert: async () => undefined,
};

function perSecond(n: number, ms: number): number {
  return Math.round((n / ms) * 1000);
}

export async function benchCases(options: CasesBenchOptions = {}): Promise<Record<string, number>> {
  const n = options.cases ?? 2_000;
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-bench-'));
  const svc = new CaseService({
    db: join(dir, 'bench.db'), officers: { slack: ['U-OFFICER'] }, ...(options.synchronous ? { synchronous: options.synchronous } : {}),
  });
  try {
    const officer = { channel: 'slack' as const, user: 'U-OFFICER' };
    const ids: string[] = [];
    let t = performance.now();
    for (let i = 0; i < n; i++) {
      const { case: c } = svc.openCase({
        question: `Can we ship ${i} kg of NdFeB magnets to the US?`,
        facts: { item: { form: 'magnet', magnetType: 'ndfeb' }, destination: 'US' },
        decision,
        replyTo: { channel: 'slack', user: `U${i}`, conversation: `thread-${i}` },
      });
      ids.push(c.id);
    }
    const openMs = performance.now() - t;

    t = performance.now();
    for (const id of ids) svc.decide(id, officer, { verdict: 'license_required', note: 'bench', reusable: true });
    const resolveMs = performance.now() - t;

    const rows = svc.outbox.counts().pending;
    const dispatcher = new OutboxDispatcher({ db: svc.db, channels: { slack: noop }, batchSize: 500 });
    t = performance.now();
    while ((await dispatcher.runOnce()).done > 0);
    const dispatchMs = performance.now() - t;

    t = performance.now();
    const verified = svc.audit.verifyAudit();
    const verifyMs = performance.now() - t;
    if (!verified.ok) throw new Error('bench audit chain does not verify');

    return {
      cases: n,
      casesOpenedPerSec: perSecond(n, openMs),
      casesResolvedPerSec: perSecond(n, resolveMs),
      outboxDeliveredPerSec: perSecond(rows, dispatchMs),
      auditVerifiedPerSec: perSecond(verified.count, verifyMs),
    };
  } finally {
    svc.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
