/**
 * Officers record what followed a suspension from its horizon alert: the button opens a modal (views.open with the
 * click's trigger_id), its submission is read with zod and answered with the errors beside their fields or with
 * the preview in place of the form (response_action: update), and Confirm records through the same status desk as
 * the console. Only officers get the modal; each step checks again, since a view can be submitted by anyone who has it.
 * Both engines: the desk is the app's `ruleDesk` (SQLite's status desk, or PostgreSQL's, which re-decides the same way).
 */
import { z } from 'zod';
import { actorId } from '../../cases/case-service.js';
import { CaseError } from '../../cases/case-error.js';
import type { Actor } from '../../cases/case-view.js';
import { wellFormed } from '../../core/well-formed.js';
import { StatusRecordInputSchema } from '../../rules/status-overlay.js';
import { readStatusForm, recordedText, type StatusFormErrors } from '../status-form.js';
import { BlockActionSchema, ViewSubmissionSchema } from './payloads.js';
import { renderConfirmModal, renderOutcomeModal, renderStatusModal, statusFormValues } from './render-status-desk.js';
import type { SlackContext } from './slack-context.js';
import { ACTION, VIEW } from './slack-ids.js';
import { LIMITS, fitPlain } from './text-limits.js';

export const NOT_OFFICER_STATUS_TEXT = 'Only compliance officers can record what followed a suspension. Your attempt has been recorded.';

const TargetSchema = z.string().trim().min(2).max(100);
const FormMetadataSchema = z.object({ target: TargetSchema });
const ConfirmMetadataSchema = z.object({ target: TargetSchema, record: StatusRecordInputSchema });

function actorOf(user: { id: string; name?: string | undefined }): Actor {
  return { channel: 'slack', user: wellFormed(user.id), ...(user.name ? { name: wellFormed(user.name) } : {}) };
}

function metadataOf<T extends z.ZodType>(schema: T, raw: string): z.infer<T> | undefined {
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Slack shows each error under the input block whose block_id is its key: here, the form field's name. */
function blockErrors(errors: StatusFormErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, text]) => [field, fitPlain(text, LIMITS.inputLabel)]));
}

export function registerStatusDesk(ctx: SlackContext): void {
  const { app } = ctx;

  /** Audited like a refused case action: someone tried to change the rules every answer is decided on. */
  const refuse = (actor: Actor, target: string): Promise<void> => app.desk.audit({
    kind: 'refusal', actor: actorId(actor), at: app.clock.now(),
    payload: { action: 'record_status', target, channel: 'slack', reason: 'not_officer' },
  });

  ctx.on.action(ACTION.recordStatus, async ({ ack, body }) => {
    await ack();
    const b = BlockActionSchema.safeParse(body);
    if (!b.success) return;
    const target = TargetSchema.safeParse(b.data.actions[0]?.value);
    if (!target.success) return;
    const actor = actorOf(b.data.user);
    const officer = app.desk.isOfficer(actor);
    if (!officer) {
      await refuse(actor, target.data);
      const channel = b.data.container.channel_id ?? b.data.channel?.id;
      if (channel) await ctx.client.chat.postEphemeral({ channel, user: b.data.user.id, text: NOT_OFFICER_STATUS_TEXT });
      else await ctx.client.chat.postMessage({ channel: b.data.user.id, text: NOT_OFFICER_STATUS_TEXT });
      return;
    }
    // trigger_id lives for 3 seconds: open the modal now.
    await ctx.client.views.open({ trigger_id: b.data.trigger_id, view: renderStatusModal({ target: target.data, sources: app.rules.sources.values() }) });
  });

  ctx.on.viewSubmission(VIEW.statusForm, async ({ ack, body }) => {
    const v = ViewSubmissionSchema.safeParse(body);
    const meta = v.success ? metadataOf(FormMetadataSchema, v.data.view.private_metadata) : undefined;
    if (!v.success || !meta) {
      await ack({ response_action: 'errors', errors: { status: 'This form could not be read; close it and click Record what followed again.' } });
      return;
    }
    const actor = actorOf(v.data.user);
    if (!app.desk.isOfficer(actor)) {
      await refuse(actor, meta.target);
      await ack({ response_action: 'errors', errors: { status: NOT_OFFICER_STATUS_TEXT } });
      return;
    }
    const form = readStatusForm(app.rules, meta.target, `slack:${actor.user}`, statusFormValues(v.data.view.state.values));
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: blockErrors(form.errors) });
      return;
    }
    const metadata = JSON.stringify({ target: meta.target, record: form.record });
    if (metadata.length > LIMITS.privateMetadata) {
      await ack({ response_action: 'errors', errors: { why: 'Too long to carry to the confirm step: shorten the note or the new source.' } });
      return;
    }
    try {
      const preview = await app.ruleDesk.preview(form.record);
      await ack({ response_action: 'update', view: renderConfirmModal(form.record, preview, metadata) });
    } catch (err) {
      if (!(err instanceof CaseError)) throw err;
      await ack({ response_action: 'errors', errors: { status: fitPlain(err.message, LIMITS.inputLabel) } });
    }
  });

  ctx.on.viewSubmission(VIEW.statusConfirm, async ({ ack, body }) => {
    const v = ViewSubmissionSchema.safeParse(body);
    const meta = v.success ? metadataOf(ConfirmMetadataSchema, v.data.view.private_metadata) : undefined;
    if (!v.success || !meta) {
      await ack({ response_action: 'update', view: renderOutcomeModal('Not recorded', 'This preview could not be read; click Record what followed again.') });
      return;
    }
    const actor = actorOf(v.data.user);
    if (!app.desk.isOfficer(actor)) {
      await refuse(actor, meta.target);
      await ack({ response_action: 'update', view: renderOutcomeModal('Not recorded', NOT_OFFICER_STATUS_TEXT) });
      return;
    }
    // The record as previewed, but in the name of whoever confirms it.
    const record = { ...meta.record, by: `slack:${actor.user}` };
    try {
      const outcome = await app.ruleDesk.record(record);
      await ack({ response_action: 'update', view: renderOutcomeModal(outcome.kind === 'recorded' ? 'Recorded' : 'Already recorded', recordedText(outcome, meta.target)) });
    } catch (err) {
      if (!(err instanceof CaseError)) throw err;
      await ack({ response_action: 'update', view: renderOutcomeModal('Not recorded', `Not recorded: ${err.message}`) });
    }
  });
}
