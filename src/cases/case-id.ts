/** Case ids as people say them: `C-000123`, from the row number, so they are short and sort naturally. */

const CASE_ID = /^C-(\d{6,})$/;

export function formatCaseId(num: number): string {
  return `C-${String(num).padStart(6, '0')}`;
}

/** The row number of a case id, or undefined when the text is not a case id. */
export function parseCaseId(id: string): number | undefined {
  const m = CASE_ID.exec(id.trim());
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
