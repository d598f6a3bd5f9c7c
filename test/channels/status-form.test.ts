/**
 * The form Slack and Teams officers fill in from a horizon alert: read into the status desk's record, or refused
 * with each problem on the field that fixes it.
 */
import { describe, expect, it } from 'vitest';
import { readStatusForm } from '../../src/channels/status-form.js';
import { RULES_DIR } from '../../src/core/paths.js';
import { loadRuleSet } from '../../src/rules/loader.js';

const rules = loadRuleSet(RULES_DIR);
const TARGET = 'CN-ANN-2025-70';
const NEW_SOURCE = {
  newSourceId: 'CN-ANN-2026-99', newSourceTitle: 'Test notice: No. 70 not renewed', newSourceDate: '2026-11-12', newSourceUrl: 'https://www.mofcom.gov.cn/test-notice',
};

describe('the status form of the chat channels', () => {
  it('reads a resumption with a new source into the desk record', () => {
    expect(readStatusForm(rules, TARGET, 'slack:U1', { status: 'resumed', from: '2026-11-10', ...NEW_SOURCE, why: ' Not renewed. ' })).toEqual({
      ok: true,
      record: {
        target: TARGET, status: 'resumed', from: '2026-11-10', by: 'slack:U1', why: 'Not renewed.',
        source: { new: { id: 'CN-ANN-2026-99', title: 'Test notice: No. 70 not renewed', date: '2026-11-12', url: 'https://www.mofcom.gov.cn/test-notice' } },
      },
    });
  });

  it('reads an extension citing a source of sources.yaml, with empty fields as absent', () => {
    expect(readStatusForm(rules, TARGET, 'teams:a', { status: 'extended', from: '', until: '2027-11-10', source: 'CN-ANN-2025-70', newSourceId: '', why: 'Extended a year.' }))
      .toMatchObject({ ok: true, record: { status: 'extended', until: '2027-11-10', source: { id: 'CN-ANN-2025-70' } } });
  });

  it('puts each problem on its field', () => {
    expect(readStatusForm(rules, TARGET, 'slack:U1', { status: null, why: 'x' })).toEqual({
      ok: false, errors: { status: expect.stringContaining('choose what followed') as unknown, why: expect.stringContaining('say why') as unknown },
    });
    expect(readStatusForm(rules, TARGET, 'slack:U1', { status: 'resumed', why: 'Not renewed.' })).toEqual({
      ok: false, errors: { from: 'resumed needs the day it took effect', source: expect.stringContaining('choose the source') as unknown },
    });
    expect(readStatusForm(rules, TARGET, 'slack:U1', { status: 'extended', source: 'CN-ANN-2025-70', newSourceTitle: 'x', why: 'Not renewed.' }))
      .toMatchObject({ ok: false, errors: { until: 'an extension needs its new end date', source: 'choose a source or give a new one, not both' } });
    expect(readStatusForm(rules, TARGET, 'slack:U1', { status: 'resumed', from: '2026-11-10', newSourceId: 'CN-ANN-2026-99', why: 'Not renewed.' }))
      .toMatchObject({ ok: false, errors: { newSourceTitle: expect.any(String) as unknown, newSourceDate: expect.any(String) as unknown, newSourceUrl: expect.any(String) as unknown } });
    expect(readStatusForm(rules, TARGET, 'slack:U1', { status: 'resumed', from: '2026-11-10', ...NEW_SOURCE, newSourceUrl: 'ftp://x', why: 'Not renewed.' }))
      .toMatchObject({ ok: false, errors: { newSourceUrl: expect.any(String) as unknown } });
  });

  it('puts the rules check on the field to change: an unknown source, a date before the suspension, a short extension', () => {
    expect(readStatusForm(rules, TARGET, 'slack:U1', { status: 'resumed', from: '2026-11-10', source: 'CN-ANN-2099-1', why: 'Not renewed.' }))
      .toMatchObject({ ok: false, errors: { source: expect.stringContaining('unknown source ID') as unknown } });
    expect(readStatusForm(rules, TARGET, 'slack:U1', { status: 'resumed', from: '2020-01-01', source: 'CN-ANN-2025-70', why: 'Not renewed.' }))
      .toMatchObject({ ok: false, errors: { from: expect.stringContaining('predates') as unknown } });
    expect(readStatusForm(rules, TARGET, 'slack:U1', { status: 'extended', until: '2026-01-01', source: 'CN-ANN-2025-70', why: 'Extended.' }))
      .toMatchObject({ ok: false, errors: { until: expect.stringContaining('the extension must end after') as unknown } });
  });
});
