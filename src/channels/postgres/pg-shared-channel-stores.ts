/** The channels' shared state (../channel-store-ports.ts) in PostgreSQL: the same rows and rules as the SQLite stores. */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import type { SharedChannelStores } from '../channel-store-ports.js';
import { ConversationRefSchema } from '../teams/teams-port.js';
import type { Alert } from '../web/alert-store.js';
import { NoticeSchema, type InboxItem } from '../web/inbox-store.js';
import { safeJson } from '../web/transcript-store.js';

const AlertSchema = z.object({ key: z.string(), at: z.string(), text: z.string() });
const InboxRowSchema = z.object({ id: z.number().int(), at: z.string(), notice: z.string() });
const DeferredRowSchema = z.object({ case_id: z.string(), ref: z.string().nullable() });
const COMPLIANCE_KEY = 'compliance_conversation';

export function pgSharedChannelStores(db: pg.Pool): SharedChannelStores {
  return {
    async secret(name) {
      // Insert-if-absent, then read: of instances starting together, the first insert wins and all read its key.
      await db.query('INSERT INTO web_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32).toString('base64url')]);
      const r = await db.query('SELECT value FROM web_keys WHERE name = $1', [name]);
      return Buffer.from(z.object({ value: z.string().min(32) }).parse(r.rows[0]).value, 'base64url');
    },
    alerts: {
      async add(key, text, at) {
        await db.query('INSERT INTO web_alerts (key, at, text) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [key, at.toISOString(), text]);
      },
      async recent(limit = 20): Promise<Alert[]> {
        const r = await db.query(
          'SELECT key, at, text FROM web_alerts WHERE acknowledged_at IS NULL ORDER BY at COLLATE "C" DESC, key COLLATE "C" LIMIT $1',
          [limit],
        );
        return r.rows.flatMap((row) => {
          const a = AlertSchema.safeParse(row);
          return a.success ? [a.data] : [];
        });
      },
      async acknowledge(key, by, at) {
        // One UPDATE decides: two officers acknowledging at once on two instances, one of them does it.
        const r = await db.query(
          'UPDATE web_alerts SET acknowledged_at = $1, acknowledged_by = $2 WHERE key = $3 AND acknowledged_at IS NULL',
          [at.toISOString(), by, key],
        );
        return r.rowCount === 1;
      },
      async acknowledgedCount() {
        const r = await db.query('SELECT count(*)::int AS n FROM web_alerts WHERE acknowledged_at IS NOT NULL');
        return z.object({ n: z.number().int() }).parse(r.rows[0]).n;
      },
    },
    inbox: {
      async add(conversation, key, notice, at) {
        const r = await db.query(
          'INSERT INTO web_inbox (conversation, key, at, notice) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING',
          [conversation, key, at.toISOString(), JSON.stringify(NoticeSchema.parse(notice))],
        );
        return (r.rowCount ?? 0) > 0;
      },
      async list(conversation, after = 0, limit = 100): Promise<InboxItem[]> {
        const r = await db.query('SELECT id, at, notice FROM web_inbox WHERE conversation = $1 AND id > $2 ORDER BY id LIMIT $3', [conversation, after, limit]);
        const items: InboxItem[] = [];
        for (const raw of r.rows) {
          const row = InboxRowSchema.safeParse(raw);
          if (!row.success) continue;
          const notice = NoticeSchema.safeParse(safeJson(row.data.notice));
          if (notice.success) items.push({ id: row.data.id, at: row.data.at, notice: notice.data });
        }
        return items;
      },
      async deleteOlderThan(cutoff) {
        return (await db.query('DELETE FROM web_inbox WHERE at COLLATE "C" < $1', [cutoff.toISOString()])).rowCount ?? 0;
      },
    },
    teams: {
      async complianceConversation() {
        const r = await db.query('SELECT value FROM teams_settings WHERE key = $1', [COMPLIANCE_KEY]);
        const row = z.object({ value: z.string() }).safeParse(r.rows[0]);
        if (!row.success) return undefined;
        const ref = ConversationRefSchema.safeParse(safeJson(row.data.value));
        return ref.success ? ref.data : undefined;
      },
      async setComplianceConversation(ref, by, at) {
        await db.query(
          `INSERT INTO teams_settings (key, value, updated_by, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          [COMPLIANCE_KEY, JSON.stringify(ref), `${by.channel}:${by.user}`, at.toISOString()],
        );
      },
      async defer(caseId, at) {
        await db.query('INSERT INTO teams_deferred_cards (case_id, deferred_at) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING', [caseId, at.toISOString()]);
      },
      async postedRef(caseId) {
        const r = await db.query('SELECT case_id, ref FROM teams_deferred_cards WHERE case_id = $1', [caseId]);
        const row = DeferredRowSchema.safeParse(r.rows[0]);
        return row.success ? row.data.ref ?? undefined : undefined;
      },
      async waiting() {
        const r = await db.query('SELECT case_id, ref FROM teams_deferred_cards WHERE ref IS NULL ORDER BY deferred_at COLLATE "C", case_id COLLATE "C"');
        return r.rows.map((row) => DeferredRowSchema.parse(row).case_id);
      },
      async posted(caseId, ref, at) {
        // Only the first card posted for a deferred case counts, as in SQLite.
        await db.query('UPDATE teams_deferred_cards SET ref = $1, posted_at = $2 WHERE case_id = $3 AND ref IS NULL', [ref, at.toISOString(), caseId]);
      },
    },
  };
}
