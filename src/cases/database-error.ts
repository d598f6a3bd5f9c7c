/** Why a database file could not be used, typed so the server and the CLI can each say it in one line. */

export const DATABASE_ERROR_CODES = ['corrupt', 'cannot_open', 'unreadable_wal', 'missing'] as const;
export type DatabaseErrorCode = (typeof DATABASE_ERROR_CODES)[number];

export class DatabaseError extends Error {
  constructor(readonly code: DatabaseErrorCode, readonly file: string, message: string) {
    // One line, whatever SQLite said: the server prints it as its last word before exiting.
    super(message.replace(/\s*\n\s*/g, '; '));
    this.name = 'DatabaseError';
  }
}
