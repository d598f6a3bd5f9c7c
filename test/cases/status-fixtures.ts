/** A recorded status the desk tests share: No. 70's rules resumed on 2026-11-10 by a (test) notice. */
export const RESUMED = {
  target: 'CN-ANN-2025-70', status: 'resumed', from: '2026-11-10', by: 'officer-a', why: 'MOFCOM notice: the suspension was not renewed.',
  source: { new: { id: 'CN-ANN-2026-99', title: 'Test notice: No. 70 not renewed', date: '2026-11-12', url: 'https://www.mofcom.gov.cn/test-notice' } },
} as const;
