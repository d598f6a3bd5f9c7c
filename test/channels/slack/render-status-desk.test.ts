/** The status desk's Block Kit stays inside Slack's limits, however long the alert, the sources or the preview. */
import { describe, expect, it } from 'vitest';
import type { StatusPreview } from '../../../src/cases/status-desk.js';
import { renderConfirmModal, renderHorizonAlert, renderStatusModal, statusFormValues } from '../../../src/channels/slack/render-status-desk.js';
import { LIMITS } from '../../../src/channels/slack/text-limits.js';
import type { Source } from '../../../src/rules/schema.js';

const LONG = 'No. 70 & <No. 72> '.repeat(400);

function texts(node: unknown, out: { key: string; text: string }[] = [], key = ''): { key: string; text: string }[] {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out, key));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string') out.push({ key, text: o.text });
    for (const [k, v] of Object.entries(o)) if (typeof v === 'object') texts(v, out, k);
  }
  return out;
}

describe('status desk blocks', () => {
  it('cuts a long alert to a section and a fallback Slack takes, with the button', () => {
    const alert = renderHorizonAlert(LONG, 'CN-ANN-2025-70');
    expect(alert.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(texts(alert.blocks).every((t) => t.text.length <= LIMITS.sectionText)).toBe(true);
    expect(alert.text).not.toContain('<No. 72>');
  });

  it('keeps every source option and preview section inside the limits', () => {
    const sources: Source[] = Array.from({ length: 120 }, (_, i) => ({
      id: `CN-ANN-2025-${i}`, title: LONG.slice(0, 300), date: '2025-01-01', summary: 's', urlConfirmed: false,
    }) as Source);
    const modal = renderStatusModal({ target: 'CN-ANN-2025-70', sources });
    const source = modal.blocks.find((b) => b.block_id === 'source') as { element: { options: { text: { text: string } }[] } } | undefined;
    const options = source?.element.options ?? [];
    expect(options).toHaveLength(100);
    expect(options.length).toBeLessThanOrEqual(100);
    expect(options.every((o) => o.text.text.length <= LIMITS.optionText)).toBe(true);
    expect(modal.title.text.length).toBeLessThanOrEqual(LIMITS.modalTitle);

    const answer = { conversationKey: 'slack:x', answerSeq: 1, channel: 'slack', askedAt: '2026-11-20T09:00:00Z', previousVerdict: 'escalate', verdict: 'license_required', replyTo: { channel: 'slack', user: 'U', conversation: 'c' }, text: LONG, citations: [] } as const;
    const preview: StatusPreview = { rules: Array.from({ length: 300 }, (_, i) => `rule-${i}-${'x'.repeat(20)}`), answers: 40, cases: 3, sampleAnswers: Array(5).fill(answer), sampleCases: [{ caseNum: 1, previousVerdict: 'escalate', verdict: 'license_required' }] };
    const record = { target: 'CN-ANN-2025-70', status: 'resumed', from: '2026-11-10', by: 'slack:U', why: LONG.slice(0, 1000), source: { id: 'CN-ANN-2025-70' } } as const;
    const confirm = renderConfirmModal(record, preview, '{}');
    expect(confirm.blocks.length).toBeLessThanOrEqual(LIMITS.homeBlocks);
    expect(texts(confirm.blocks).every((t) => t.text.length <= LIMITS.sectionText)).toBe(true);
  });

  it('reads each kind of input from a view state, and nothing from a shape it does not know', () => {
    expect(statusFormValues({
      status: { status_input: { type: 'static_select', selected_option: { value: 'extended' } } },
      until: { until_input: { type: 'datepicker', selected_date: '2027-01-01' } },
      why: { why_input: { type: 'plain_text_input', value: 'Extended.' } },
      source: { source_input: { type: 'static_select', selected_option: null } },
      from: { from_input: { type: 'datepicker', selected_date: 7 } },
    })).toEqual({
      status: 'extended', from: undefined, until: '2027-01-01', source: undefined, newSourceId: undefined, newSourceTitle: undefined,
      newSourceDate: undefined, newSourceUrl: undefined, why: 'Extended.',
    });
  });
});
