/** A BOM that cannot be screened: a typed code for programs, one clear sentence for people. */
export const BOM_ERROR_CODES = [
  'unsupported_type', 'unreadable', 'malformed', 'no_header', 'no_description', 'too_many_lines', 'empty', 'bad_map', 'bad_option',
] as const;
export type BomErrorCode = (typeof BOM_ERROR_CODES)[number];

export class BomError extends Error {
  constructor(readonly code: BomErrorCode, message: string) {
    super(message);
    this.name = 'BomError';
  }
}

/** The most data lines one file may hold (issue 15). */
export const MAX_BOM_LINES = 20_000;
