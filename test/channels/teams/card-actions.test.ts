/** Validating what card buttons send back, in both the Action.Submit and the adaptiveCard/action shapes. */
import { describe, expect, it } from 'vitest';
import { parseInvoke, parseSubmit } from '../../../src/channels/teams/card-actions.js';

describe('card action payloads', () => {
  it("reads the decide form's toggle strings as booleans and trims the note", () => {
    expect(parseSubmit({ action: 'decide', caseId: 'C-000001', verdict: 'prohibited', note: '  Military end use. ', reusable: 'true' })).toEqual({
      ok: true, action: { action: 'decide', caseId: 'C-000001', verdict: 'prohibited', note: 'Military end use.', reusable: true },
    });
    expect(parseSubmit({ action: 'decide', caseId: 'C-000001', verdict: 'not_required' })).toMatchObject({ ok: true, action: { note: '', reusable: false } });
  });

  it('refuses verdicts an officer cannot give', () => {
    expect(parseSubmit({ action: 'decide', caseId: 'C-000001', verdict: 'escalate' })).toEqual({
      ok: false, problem: expect.stringMatching(/Choose a verdict/) as unknown,
    });
  });

  it('refuses payloads that are not ours', () => {
    for (const value of ['hello', { action: 'delete_everything' }, { action: 'claim' }, { action: 'followup', text: '' }, null]) {
      expect(parseSubmit(value)).toMatchObject({ ok: false });
    }
  });

  it('takes an Action.Execute verb and data from an invoke', () => {
    expect(parseInvoke({ action: { type: 'Action.Execute', verb: 'claim', data: { caseId: 'C-000002' } }, trigger: 'manual' })).toEqual({
      ok: true, action: { action: 'claim', caseId: 'C-000002' },
    });
    expect(parseInvoke({ action: { type: 'Action.Execute', data: { action: 'escalate' } } })).toEqual({ ok: true, action: { action: 'escalate' } });
    expect(parseInvoke({ nothing: true })).toMatchObject({ ok: false });
  });
});
