/** The refusals a case action can end in, typed so channels can say something clear for each. */

export const CASE_ERROR_CODES = ['not_officer', 'not_found', 'bad_state', 'invalid'] as const;
export type CaseErrorCode = (typeof CASE_ERROR_CODES)[number];

export class CaseError extends Error {
  constructor(readonly code: CaseErrorCode, message: string) {
    super(message);
    this.name = 'CaseError';
  }
}
