/**
 * Text as every channel must hand it on: well-formed UTF-16, each unpaired surrogate replaced by U+FFFD.
 *
 * Why at ingress: SQLite stores an unpaired surrogate as bytes that read back as three U+FFFD, so a string that is
 * not well-formed is not the string that comes back. Anything hashed, compared or shown later (the audit log's
 * commitments, case questions, user ids) must be the normalised one from the start.
 */
export function wellFormed(text: string): string {
  return text.toWellFormed();
}
