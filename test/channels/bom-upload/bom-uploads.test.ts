/**
 * A BOM sent in a chat, below the channels: screened on the CLI's path, kept, audited, refused with a clear reason
 * (and audited) when it cannot be, and escalated as one case through the real case service. One suite on both
 * engines: SQLite's app, and PostgreSQL's (the app several instances run), each on a fresh database.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { ChannelApp } from '../../../src/app-context.js';
import { createPostgresApp } from '../../../src/app-postgres.js';
import type { AuditRecord } from '../../../src/cases/audit-log.js';
import { PgAuditChain } from '../../../src/cases/postgres/pg-audit-chain.js';
import { verifyPgTrail } from '../../../src/cases/postgres/pg-audit-trail.js';
import { openPostgres } from '../../../src/cases/postgres/pg-database.js';
import { ConfigSchema } from '../../../src/config.js';
import { useThrowawayPostgres } from '../../support/postgres.js';
import { clockOn } from '../../support/clock.js';
import { AFTER } from '../../bom/bom-fixtures.js';
import { messyBomXlsx, MESSY_EXPECTED } from '../../bom/messy-bom.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'bom', 'fixtures');
const loudspeaker = () => readFileSync(join(FIXTURES, 'loudspeaker.csv'));
const ASKER = { channel: 'web', user: 'ada', conversation: 'web-conv-1', replyTo: {} } as const;

/** The app on one engine, with what the tests read behind it: the audit records, and whether the trail verifies. */
interface Engine {
  readonly app: ChannelApp;
  records(): Promise<AuditRecord[]>;
  /** The chain and every case against its audit records, as `audit verify` checks them. */
  trailOk(): Promise<boolean>;
  close(): Promise<void>;
}

const config = () => ConfigSchema.parse({ LOG_LEVEL: 'silent', BOM_UPLOAD_MAX_MB: '1' });
const cluster = useThrowawayPostgres();

const engines = {
  sqlite: async (): Promise<Engine> => {
    const app = createApp({ config: config(), dbFile: ':memory:', clock: clockOn(AFTER) });
    return { app, records: async () => app.cases.audit.records(), trailOk: async () => app.cases.verifyAuditTrail().ok, close: () => app.close() };
  },
  postgres: async (): Promise<Engine> => {
    const url = await cluster().freshDatabase();
    const app = await createPostgresApp({ config: { ...config(), DATABASE_URL: url }, clock: clockOn(AFTER) });
    const pool = await openPostgres(url, { poolMax: 2 });
    return {
      app,
      records: () => new PgAuditChain(pool).records(),
      trailOk: async () => {
        const t = await verifyPgTrail(pool);
        return t.chain.ok && t.cases?.problems.length === 0;
      },
      close: async () => {
        await pool.end();
        await app.close();
      },
    };
  },
};

describe.each(Object.entries(engines))('a BOM sent in a chat, on %s', (_name, make) => {
  let engine: Engine;
  let app: ChannelApp;

  beforeEach(async () => {
    engine = await make();
    app = engine.app;
  });
  afterEach(async () => {
    await engine.close();
  });

  async function auditKinds(): Promise<{ kind: string; payload: Record<string, unknown> }[]> {
    return (await engine.records()).map((r) => ({ kind: r.kind, payload: r.payload as Record<string, unknown> }));
  }

  describe('screening a BOM sent in a chat', () => {
    it('screens it like the CLI, keeps the annotated rows and audits the question and the answer', async () => {
      const out = await app.bomUploads.screen({ ...ASKER, fileName: 'loudspeaker.csv', bytes: loudspeaker() });
      if (out.kind !== 'screened') throw new Error(out.message);
      expect(out.screening.lines.map((l) => [l.partNumber, l.partExport.verdict])).toEqual([
        ['LS-1', 'escalate'], ['LS-2', 'none'], ['LS-3', 'none'], ['LS-4', 'none'], ['LS-5', 'none'],
      ]);
      // After 2026-11-10 the product view of every line escalates (No. 61's status is unknown; the product's origin is not
      // given, and no answer to it could clear the product): the whole loudspeaker goes to compliance.
      expect(out.summary.needDecision.map((l) => l.partNumber)).toEqual(['LS-1', 'LS-2', 'LS-3', 'LS-4', 'LS-5']);
      const rows = await app.bomUploads.rows(out.id);
      expect(rows?.[0]).toContain('Lodestone: part export from China');
      expect(rows?.[1]?.slice(0, 2)).toEqual(['LS-1', 'Woofer magnet']);
      const audit = await auditKinds();
      expect(audit.map((r) => r.kind)).toEqual(['question', 'answer']);
      expect(audit[0]?.payload).toMatchObject({ bomUpload: out.id, file: 'loudspeaker.csv', lines: 5, channel: 'web' });
      expect(audit[1]?.payload).toMatchObject({ bomUpload: out.id, verdict: 'escalate', needDecision: 5 });
    });

    it('reads an XLSX and defuses a formula-looking description in the kept rows', async () => {
      const out = await app.bomUploads.screen({ ...ASKER, fileName: 'hub-motor.xlsx', bytes: await messyBomXlsx() });
      if (out.kind !== 'screened') throw new Error(out.message);
      expect(out.screening.product.sharePercent).toBeCloseTo(MESSY_EXPECTED.sharePercent, 3);
      const cells = ((await app.bomUploads.rows(out.id)) ?? []).flat();
      expect(cells.some((c) => /^[=+\-@]/.test(c))).toBe(false);
      expect(cells.some((c) => c.startsWith("'="))).toBe(true);
    });

    it.each([
      ['over the size limit', 'big.csv', () => Buffer.alloc(1_048_577, 'a'), 'too_large'],
      ['of a type it does not read', 'macros.xlsm', () => Buffer.from('PK\u0003\u0004'), 'unsupported_type'],
      ['a malformed workbook', 'broken.xlsx', () => Buffer.from('PK\u0003\u0004 not really a zip'), 'malformed'],
      ['without lines', 'empty.csv', () => Buffer.from('Part No,Description,Quantity\n'), 'empty'],
      ['without a header', 'notes.csv', () => Buffer.from('hello,world\nfoo,bar\n'), 'no_header'],
    ])('refuses a file %s with a clear reason, keeps nothing and audits the refusal', async (_what, fileName, bytes, code) => {
      const out = await app.bomUploads.screen({ ...ASKER, fileName, bytes: bytes() });
      expect(out).toMatchObject({ kind: 'refused', code });
      if (out.kind === 'refused') expect(out.message).toContain(fileName);
      expect(await auditKinds()).toEqual([{ kind: 'refusal', payload: expect.objectContaining({ action: 'bom_upload', code, file: fileName }) }]);
    });

    it('refuses an announced over-large file before it is fetched', async () => {
      const out = await app.bomUploads.precheck({ channel: 'slack', user: 'U1', conversation: 'c', fileName: 'bom.xlsx' }, 5_000_000);
      expect(out).toMatchObject({ kind: 'refused', code: 'too_large' });
      expect(await app.bomUploads.precheck({ channel: 'slack', user: 'U1', conversation: 'c', fileName: 'bom.xlsx' }, 5_000)).toBeUndefined();
    });
  });

  describe('escalating the lines that need a decision', () => {
    it('opens ONE case through the case service, pointing the officer at the annotated file; asking again finds it', async () => {
      const out = await app.bomUploads.screen({ ...ASKER, fileName: 'loudspeaker.csv', bytes: loudspeaker() });
      if (out.kind !== 'screened') throw new Error(out.message);
      const first = await app.bomUploads.escalate(out.id, { channel: 'web', user: 'ada' });
      expect(first).toMatchObject({ kind: 'opened', lines: 5 });
      if (first.kind !== 'opened') return;
      const c = await app.desk.get(first.caseId);
      expect(c?.verdict).toBe('escalate');
      expect(c?.question).toContain('row 2 LS-1: Woofer magnet');
      expect(c?.question).toContain(`/console/bom/${out.id}/annotated.xlsx`);
      expect(c?.replyTo).toMatchObject({ channel: 'web', user: 'ada', conversation: 'web-conv-1' });
      expect(await app.bomUploads.uploadOfCase(first.caseId)).toBe(out.id);
      expect(await app.bomUploads.escalate(out.id, { channel: 'web', user: 'ada' })).toMatchObject({ kind: 'existing', caseId: first.caseId });
      expect(await app.desk.list({ state: 'open' })).toHaveLength(1);
      expect(await engine.trailOk()).toBe(true);
    });

    it('lets only the sender escalate, and says when no line needs a decision', async () => {
      const out = await app.bomUploads.screen({ ...ASKER, fileName: 'loudspeaker.csv', bytes: loudspeaker(), asOf: '2026-06-01' });
      if (out.kind !== 'screened') throw new Error(out.message);
      expect(await app.bomUploads.escalate(out.id, { channel: 'web', user: 'mallory' })).toMatchObject({ kind: 'refused', reason: 'not_yours' });
      expect(await app.bomUploads.escalate(out.id, { channel: 'web', user: 'ada' })).toMatchObject({ kind: 'refused', reason: 'nothing_to_escalate' });
      expect(await app.bomUploads.escalate('not-an-id', { channel: 'web', user: 'ada' })).toMatchObject({ kind: 'refused', reason: 'not_found' });
      expect(await app.desk.list({ state: 'open' })).toHaveLength(0);
    });

    it('deletes uploads past the retention period', async () => {
      const out = await app.bomUploads.screen({ ...ASKER, fileName: 'loudspeaker.csv', bytes: loudspeaker() });
      if (out.kind !== 'screened') throw new Error(out.message);
      expect(await app.bomUploads.deleteOlderThan(new Date(app.clock.now().getTime() + 1000))).toBe(1);
      expect(await app.bomUploads.get(out.id)).toBeUndefined();
    });
  });
});
