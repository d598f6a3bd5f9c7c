/**
 * Numbered schema migrations, tracked in `PRAGMA user_version`. Append new steps; never edit a shipped one, because
 * databases in the field have already run it.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: cases, their history, the outbox, card refs and the audit log.
  `
  CREATE TABLE cases (
    num INTEGER PRIMARY KEY AUTOINCREMENT,
    state TEXT NOT NULL CHECK (state IN ('open', 'claimed', 'resolved', 'reopened')),
    conversation_key TEXT NOT NULL,
    facts_key TEXT NOT NULL,
    facts_norm TEXT NOT NULL,
    facts TEXT NOT NULL,
    question TEXT,
    turns TEXT,
    decision TEXT NOT NULL,
    verdict TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    asker TEXT NOT NULL,
    reply_to TEXT NOT NULL,
    claimed_by TEXT,
    claimed_at TEXT,
    resolution TEXT,
    resolved_at TEXT,
    open_since TEXT NOT NULL,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    redacted_at TEXT
  );
  -- One unresolved case per question per conversation, even with two processes racing.
  CREATE UNIQUE INDEX cases_one_unresolved ON cases (conversation_key, facts_key) WHERE state <> 'resolved';
  CREATE INDEX cases_precedent ON cases (facts_key, rules_version, resolved_at) WHERE state = 'resolved';
  CREATE INDEX cases_waiting ON cases (state, open_since);

  CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_num INTEGER NOT NULL REFERENCES cases (num),
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    actor TEXT,
    note TEXT,
    detail TEXT
  );
  CREATE INDEX case_events_by_case ON case_events (case_num, id);

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    case_num INTEGER REFERENCES cases (num),
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    done_at TEXT
  );
  CREATE INDEX outbox_due ON outbox (next_at, id) WHERE state = 'pending';

  -- Which channels an outbox row has reached, so a retry after a partial failure skips them.
  CREATE TABLE outbox_deliveries (
    outbox_id INTEGER NOT NULL REFERENCES outbox (id),
    channel TEXT NOT NULL,
    ref TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (outbox_id, channel)
  );

  -- Every card posted for a case, per channel, so later state changes update them all.
  CREATE TABLE case_cards (
    case_num INTEGER NOT NULL REFERENCES cases (num),
    channel TEXT NOT NULL,
    ref TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (case_num, channel, ref)
  );

  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    payload TEXT NOT NULL,
    text TEXT,
    text_salt TEXT,
    text_hash TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    redacted_at TEXT
  );
  CREATE INDEX audit_log_at ON audit_log (at);

  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
  END;

  -- The only update allowed: a first redaction, which clears the text and its salt and nothing else.
  CREATE TRIGGER audit_log_only_redaction BEFORE UPDATE ON audit_log
  WHEN NOT (
    NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.kind IS OLD.kind AND NEW.actor IS OLD.actor
    AND NEW.payload IS OLD.payload AND NEW.text_hash IS OLD.text_hash AND NEW.prev_hash IS OLD.prev_hash
    AND NEW.hash IS OLD.hash AND NEW.text IS NULL AND NEW.text_salt IS NULL
    AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
  )
  BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: only redaction of the text is allowed');
  END;
  `,
  // 2: only the retention job may redact. lodestone_may_redact() is defined per connection by AuditLog and opened
  // only while its redactOlderThan runs; any other program's connection lacks it, so its UPDATE fails outright.
  `
  DROP TRIGGER audit_log_only_redaction;
  CREATE TRIGGER audit_log_only_redaction BEFORE UPDATE ON audit_log
  WHEN NOT (
    NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.kind IS OLD.kind AND NEW.actor IS OLD.actor
    AND NEW.payload IS OLD.payload AND NEW.text_hash IS OLD.text_hash AND NEW.prev_hash IS OLD.prev_hash
    AND NEW.hash IS OLD.hash AND NEW.text IS NULL AND NEW.text_salt IS NULL
    AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
    AND lodestone_may_redact() = 1
  )
  BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: only the retention job may redact the text');
  END;
  `,
  // 3: the tables the channels and the delivery claim used to create for themselves (`IF NOT EXISTS`, because
  // databases in the field already have them from then): delivery claims, Slack turns and feedback, the web chat's
  // transcript, inbox, alerts and signing key, Teams settings and deferred cards. Every table now comes from here.
  `
  CREATE TABLE IF NOT EXISTS deliveries (
    key TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  );

  CREATE TABLE IF NOT EXISTS slack_turns (
    id TEXT PRIMARY KEY,
    team TEXT NOT NULL,
    user TEXT NOT NULL,
    ref TEXT NOT NULL,
    question TEXT NOT NULL,
    verdict TEXT NOT NULL,
    case_id TEXT,
    reply TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS slack_turns_user ON slack_turns (user, created_at);
  CREATE TABLE IF NOT EXISTS slack_feedback (
    turn_id TEXT NOT NULL,
    user TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    verdict TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (turn_id, user)
  );

  CREATE TABLE IF NOT EXISTS web_turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation TEXT NOT NULL,
    at TEXT NOT NULL,
    text TEXT NOT NULL,
    reply TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS web_turns_conversation ON web_turns (conversation, id);
  CREATE TABLE IF NOT EXISTS web_inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    notice TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS web_inbox_conversation ON web_inbox (conversation, id);
  CREATE TABLE IF NOT EXISTS web_alerts (
    key TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    text TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS web_keys (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE IF NOT EXISTS teams_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS teams_deferred_cards (
    case_id TEXT PRIMARY KEY,
    ref TEXT,
    deferred_at TEXT NOT NULL,
    posted_at TEXT
  );
  `,
  // 4: a web chat post carries an idempotency key; its transcript row is found by it, so a repeated post (a
  // double click, a client's retry) is shown the one answer given, never answered twice.
  `
  ALTER TABLE web_turns ADD COLUMN delivery_key TEXT;
  CREATE UNIQUE INDEX web_turns_delivery ON web_turns (conversation, delivery_key) WHERE delivery_key IS NOT NULL;
  `,
  // 5: a case keeps its decision compact (case-decision.ts): the verdict, the ids of the rules that fired, the
  // citations, reasons and missing facts, not the whole trace (about 45 KB a case), which the console works out again
  // from the facts. Rows written before are rewritten in that form; the reader still takes the old one.
  `
  UPDATE cases SET decision = json_object(
    'verdict', decision ->> '$.verdict',
    'reasons', decision -> '$.reasons',
    'citations', decision -> '$.citations',
    'ruleIds', (SELECT json_group_array(value ->> '$.ruleId') FROM json_each(cases.decision, '$.fired')),
    'missing', (SELECT json_group_array(json_object('fact', value ->> '$.fact', 'label', value ->> '$.label'))
                FROM json_each(cases.decision, '$.missing')),
    'rulesVersion', decision ->> '$.rulesVersion',
    'asOf', decision ->> '$.asOf'
  )
  WHERE json_valid(decision) AND json_type(decision, '$.trace') = 'array';
  `,
  // 6: the rule status overlay: what officers recorded about a rule or a suspension after rules/ was written
  // (src/rules/status-overlay.ts). Rows are only added; the rules version hashes them all, in order.
  `
  CREATE TABLE rule_status_overlay (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    target TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('resumed', 'extended', 'revoked', 'amended')),
    from_date TEXT,
    until_date TEXT,
    source TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    why TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    audit_seq INTEGER NOT NULL
  );
  CREATE TRIGGER rule_status_overlay_no_update BEFORE UPDATE ON rule_status_overlay
  BEGIN
    SELECT RAISE(ABORT, 'rule_status_overlay is append-only: record a new status instead');
  END;
  `,
  // 7: what each decided answer was decided on (facts, not words), so a recorded rule status can re-decide the
  // answers of the last days, and the updates sent: one per (conversation, overlay record), whatever retries.
  `
  CREATE TABLE decided_answers (
    answer_seq INTEGER PRIMARY KEY,
    conversation_key TEXT NOT NULL,
    channel TEXT NOT NULL,
    reply_to TEXT NOT NULL,
    asked_at TEXT NOT NULL,
    as_of TEXT NOT NULL,
    facts TEXT NOT NULL,
    verdict TEXT NOT NULL,
    fired TEXT NOT NULL,
    rules_version TEXT NOT NULL
  );
  CREATE INDEX decided_answers_recent ON decided_answers (asked_at);
  CREATE INDEX decided_answers_conversation ON decided_answers (conversation_key, answer_seq);

  CREATE TABLE answer_updates (
    id INTEGER PRIMARY KEY,
    conversation_key TEXT NOT NULL,
    overlay_id INTEGER NOT NULL REFERENCES rule_status_overlay (id),
    answer_seq INTEGER NOT NULL,
    channel TEXT NOT NULL,
    previous_verdict TEXT NOT NULL,
    verdict TEXT NOT NULL,
    reply_to TEXT NOT NULL,
    text TEXT NOT NULL,
    citations TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (conversation_key, overlay_id)
  );
  `,
  // 8: bills of materials screened in a chat (issue 15): the screening, its annotated rows, where to answer, and the
  // case its lines were escalated as; deleted after RETENTION_DAYS like the rest of what askers sent.
  `
  CREATE TABLE IF NOT EXISTS bom_uploads (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    conversation TEXT NOT NULL,
    user TEXT NOT NULL,
    file_name TEXT NOT NULL,
    at TEXT NOT NULL,
    screening TEXT NOT NULL,
    rows TEXT NOT NULL,
    reply_to TEXT NOT NULL,
    case_id TEXT
  );
  CREATE INDEX IF NOT EXISTS bom_uploads_at ON bom_uploads (at);
  CREATE INDEX IF NOT EXISTS bom_uploads_case ON bom_uploads (case_id) WHERE case_id IS NOT NULL;
  `,
  // 9: a console alert can be acknowledged; acknowledged ones leave the console's list (the row is kept).
  `
  ALTER TABLE web_alerts ADD COLUMN acknowledged_at TEXT;
  ALTER TABLE web_alerts ADD COLUMN acknowledged_by TEXT;
  `,
  // 10: what a conversation remembers between turns (assistant/conversation-store.ts), for instances sharing one
  // database: a Slack thread's follow-up may land on another instance. SQLite serves one instance and keeps
  // conversations in memory, so the table stays empty here; it exists so both engines keep one schema.
  `
  CREATE TABLE conversations (
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX conversations_updated ON conversations (updated_at);
  `,
  // 11: the web transcript's kept replies are deflated with a preset dictionary built from the rules' sentences
  // (channels/web/reply-dictionary.ts); each dictionary is kept here, once, and a row names the one it used (none:
  // deflated alone or plain JSON, as rows written before).
  `
  CREATE TABLE transcript_dictionaries (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    dictionary BLOB NOT NULL
  );
  ALTER TABLE web_turns ADD COLUMN reply_dictionary INTEGER REFERENCES transcript_dictionaries (id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to SCHEMA_VERSION. Each step runs in its own transaction with its version bump. */
export function migrate(db: Database.Database): number {
  const current = userVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new Error(`database schema version ${current} is newer than this build understands (${SCHEMA_VERSION})`);
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    // IMMEDIATE, and re-read inside: another process may have migrated between our read and our lock.
    db.transaction(() => {
      if (userVersion(db) !== v) return;
      db.exec(MIGRATIONS[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
  return userVersion(db);
}

export function userVersion(db: Database.Database): number {
  const v: unknown = db.pragma('user_version', { simple: true });
  if (typeof v !== 'number') throw new Error('PRAGMA user_version returned a non-number');
  return v;
}
