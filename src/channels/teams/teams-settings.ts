/**
 * Teams settings kept in the app database: for now the compliance conversation, where case cards and alerts go.
 * An officer sets it from Teams itself, so it survives restarts and needs no redeploy.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Actor } from '../../cases/case-view.js';
import { ConversationRefSchema, type ConversationRef } from './teams-port.js';

const COMPLIANCE_KEY = 'compliance_conversation';

const RowSchema = z.object({ value: z.string() });

export class TeamsSettings {
  private readonly select;
  private readonly upsert;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT value FROM teams_settings WHERE key = ?');
    this.upsert = db.prepare(
      `INSERT INTO teams_settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    );
  }

  /** The conversation new case cards go to, or undefined until an officer has chosen one. */
  complianceConversation(): ConversationRef | undefined {
    const row = RowSchema.safeParse(this.select.get(COMPLIANCE_KEY));
    if (!row.success) return undefined;
    const ref = ConversationRefSchema.safeParse(JSON.parse(row.data.value));
    return ref.success ? ref.data : undefined;
  }

  setComplianceConversation(ref: ConversationRef, by: Actor, at: Date): void {
    this.upsert.run(COMPLIANCE_KEY, JSON.stringify(ref), `${by.channel}:${by.user}`, at.toISOString());
  }
}
