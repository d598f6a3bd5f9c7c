/**
 * The officers' side: Claim and Decide on a case card (or in the App Home queue), and the Decide modal's
 * submission. The case service decides who may act and audits refusals; a refusal is shown only to the clicker.
 */
import type { Actor } from '../../cases/case-view.js';
import { CaseError } from '../../cases/case-error.js';
import { wellFormed } from '../../core/well-formed.js';
import { BlockActionSchema, CaseIdValueSchema, DecideMetadataSchema, ViewSubmissionSchema, readDecideForm, type BlockActionBody } from './payloads.js';
import { renderDecideModal } from './render-case.js';
import type { SlackContext } from './slack-context.js';
import { ACTION, DECIDE_FORM, VIEW } from './slack-ids.js';
import { LIMITS, fitPlain } from './text-limits.js';

export const NOT_OFFICER_TEXT = 'Only compliance officers can act on cases. Your attempt has been recorded.';

function actorOf(user: { id: string; name?: string | undefined }): Actor {
  return { channel: 'slack', user: wellFormed(user.id), ...(user.name ? { name: wellFormed(user.name) } : {}) };
}

export function refusalText(err: unknown): string {
  if (err instanceof CaseError) {
    switch (err.code) {
      case 'not_officer':
        return NOT_OFFICER_TEXT;
      case 'not_found':
      case 'bad_state':
      case 'invalid':
        return err.message;
    }
  }
  return 'Something went wrong; please try again.';
}

/** Tells only the clicker: ephemeral in the channel of the card, or by DM for a click in the App Home. */
async function refuse(ctx: SlackContext, body: BlockActionBody, text: string): Promise<void> {
  const channel = body.container.channel_id ?? body.channel?.id;
  if (channel) await ctx.client.chat.postEphemeral({ channel, user: body.user.id, text });
  else await ctx.client.chat.postMessage({ channel: body.user.id, text });
}

export function registerCaseActions(ctx: SlackContext): void {
  const cases = ctx.app.desk;

  ctx.on.action(ACTION.claim, async ({ ack, body }) => {
    await ack();
    const b = BlockActionSchema.safeParse(body);
    if (!b.success) return;
    const caseId = CaseIdValueSchema.safeParse(b.data.actions[0]?.value);
    if (!caseId.success) return;
    try {
      // The card is updated through the outbox, like every other change to a case.
      await cases.claim(caseId.data, actorOf(b.data.user));
    } catch (err) {
      if (!(err instanceof CaseError)) ctx.log.error({ err, caseId: caseId.data }, 'claiming a case failed');
      await refuse(ctx, b.data, refusalText(err));
    }
  });

  ctx.on.action(ACTION.decide, async ({ ack, body }) => {
    await ack();
    const b = BlockActionSchema.safeParse(body);
    if (!b.success) return;
    const caseId = CaseIdValueSchema.safeParse(b.data.actions[0]?.value);
    if (!caseId.success) return;
    const actor = actorOf(b.data.user);
    // The modal is only a form: the service checks (and audits) the officer again when it is submitted.
    if (!cases.isOfficer(actor)) {
      await refuse(ctx, b.data, NOT_OFFICER_TEXT);
      return;
    }
    const c = await cases.get(caseId.data);
    if (!c || c.state === 'resolved') {
      await refuse(ctx, b.data, c ? `${c.id} is already decided.` : `There is no case ${caseId.data}.`);
      return;
    }
    // trigger_id lives for 3 seconds: open the modal now, not from the queue.
    await ctx.client.views.open({ trigger_id: b.data.trigger_id, view: renderDecideModal(c) });
  });

  ctx.on.viewSubmission(VIEW.decide, async ({ ack, body }) => {
    const v = ViewSubmissionSchema.safeParse(body);
    const meta = v.success ? DecideMetadataSchema.safeParse(safeJson(v.data.view.private_metadata)) : undefined;
    const form = v.success ? readDecideForm(v.data.view.state.values) : undefined;
    if (!v.success || !meta?.success || !form) {
      await ack({ response_action: 'errors', errors: { [DECIDE_FORM.verdictBlock]: 'This form could not be read; close it and click Decide again.' } });
      return;
    }
    if (!form.verdict) {
      await ack({ response_action: 'errors', errors: { [DECIDE_FORM.verdictBlock]: 'Choose a decision.' } });
      return;
    }
    // Decided before the ack, because a refusal must be shown in the modal; it is one transaction.
    try {
      await cases.decide(meta.data.caseId, actorOf(v.data.user), { verdict: form.verdict, note: form.note, reusable: form.reusable });
    } catch (err) {
      if (!(err instanceof CaseError)) ctx.log.error({ err, caseId: meta.data.caseId }, 'deciding a case failed');
      await ack({ response_action: 'errors', errors: { [DECIDE_FORM.verdictBlock]: fitPlain(refusalText(err), LIMITS.inputLabel) } });
      return;
    }
    await ack();
  });
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
