/**
 * zod schemas for what Slack sends: only the fields Lodestone reads, so a new field from Slack is ignored and a
 * missing one is a clear refusal instead of an `undefined` deep in a handler. Bolt has checked the signature
 * before any of these run; these check the shape.
 */
import { z } from 'zod';
import { TypedTextSchema } from '../../contracts/message.js';
import { OfficerDecisionSchema } from '../../cases/case-view.js';
import { DECIDE_FORM } from './slack-ids.js';

const Id = z.string().min(1).max(40);
const Ts = z.string().regex(/^\d{1,12}\.\d{1,8}$/);

export const EnvelopeSchema = z.object({
  type: z.literal('event_callback'),
  team_id: Id,
  event_id: z.string().min(1).max(100),
});

/** A file shared in a message: what Lodestone needs to fetch a bill of materials. */
export const SharedFileSchema = z.looseObject({
  id: z.string().min(1).max(40),
  name: z.string().max(255).optional(),
  title: z.string().max(255).optional(),
  size: z.number().int().nonnegative().optional(),
  url_private: z.url().max(2000).optional(),
  url_private_download: z.url().max(2000).optional(),
});
export type SharedFile = z.infer<typeof SharedFileSchema>;

const Files = z.array(SharedFileSchema).max(20).optional().catch(undefined);

export const MentionEventSchema = z.object({
  type: z.literal('app_mention'),
  user: Id,
  text: TypedTextSchema,
  ts: Ts,
  channel: Id,
  thread_ts: Ts.optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  files: Files,
});
export type MentionEvent = z.infer<typeof MentionEventSchema>;

export const DirectMessageEventSchema = z.object({
  type: z.literal('message'),
  channel_type: z.string(),
  user: Id.optional(),
  text: TypedTextSchema.optional(),
  ts: Ts,
  channel: Id,
  thread_ts: Ts.optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  edited: z.unknown().optional(),
  files: Files,
});
export type DirectMessageEvent = z.infer<typeof DirectMessageEventSchema>;

export const HomeOpenedEventSchema = z.object({
  type: z.literal('app_home_opened'),
  user: Id,
  tab: z.string().optional(),
});

export const SlashCommandSchema = z.object({
  team_id: Id,
  channel_id: Id,
  user_id: Id,
  user_name: z.string().max(200).optional(),
  text: TypedTextSchema,
  trigger_id: z.string().min(1).max(200),
});

export const MessageShortcutSchema = z.object({
  type: z.literal('message_action'),
  trigger_id: z.string().min(1).max(200),
  team: z.object({ id: Id }),
  channel: z.object({ id: Id }),
  user: z.object({ id: Id, name: z.string().max(200).optional() }),
  message: z.object({ text: TypedTextSchema.default(''), ts: Ts, thread_ts: Ts.optional() }),
});

export const BlockActionSchema = z.object({
  type: z.literal('block_actions'),
  trigger_id: z.string().min(1).max(200),
  team: z.object({ id: Id }).nullable().optional(),
  user: z.object({ id: Id, name: z.string().max(200).optional(), team_id: Id.optional() }),
  channel: z.object({ id: Id }).optional(),
  container: z.looseObject({
    type: z.string(),
    message_ts: Ts.optional(),
    channel_id: Id.optional(),
    is_ephemeral: z.boolean().optional(),
    thread_ts: Ts.optional(),
  }),
  actions: z.array(z.looseObject({ action_id: z.string().max(255), block_id: z.string().max(255), value: z.string().max(2000).optional() })).min(1),
});
export type BlockActionBody = z.infer<typeof BlockActionSchema>;

export function teamOf(b: { team?: { id: string } | null | undefined; user: { team_id?: string | undefined } }): string {
  return b.team?.id ?? b.user.team_id ?? 'T0';
}

/** Button values Lodestone wrote: a follow-up choice is text; case and turn ids have their own shapes. */
export const ChoiceValueSchema = z.string().trim().min(1).max(2000);
export const CaseIdValueSchema = z.string().regex(/^C-\d{6,}$/);
export const TurnIdValueSchema = z.string().regex(/^[A-Za-z0-9_:.-]{1,200}$/);

export const DecideMetadataSchema = z.object({ caseId: CaseIdValueSchema });

export const ViewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: Id, name: z.string().max(200).optional() }),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().max(3000),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.looseObject({}))) }),
  }),
});

/** The Decide modal's state, as the officer left it. */
export const DecideStateSchema = z.object({
  [DECIDE_FORM.verdictBlock]: z.object({
    [DECIDE_FORM.verdictAction]: z.object({ selected_option: z.object({ value: OfficerDecisionSchema }).nullable() }),
  }),
  [DECIDE_FORM.noteBlock]: z.object({
    [DECIDE_FORM.noteAction]: z.object({ value: z.string().max(4000).nullable().optional() }),
  }).optional(),
  [DECIDE_FORM.reusableBlock]: z.object({
    [DECIDE_FORM.reusableAction]: z.object({ selected_options: z.array(z.object({ value: z.string() })).default([]) }),
  }).optional(),
});

export interface DecideForm {
  readonly verdict: z.infer<typeof OfficerDecisionSchema> | undefined;
  readonly note: string;
  readonly reusable: boolean;
}

export function readDecideForm(values: unknown): DecideForm | undefined {
  const r = DecideStateSchema.safeParse(values);
  if (!r.success) return undefined;
  const s = r.data;
  return {
    verdict: s[DECIDE_FORM.verdictBlock][DECIDE_FORM.verdictAction].selected_option?.value,
    note: (s[DECIDE_FORM.noteBlock]?.[DECIDE_FORM.noteAction].value ?? '').trim(),
    reusable: (s[DECIDE_FORM.reusableBlock]?.[DECIDE_FORM.reusableAction].selected_options ?? []).some((o) => o.value === DECIDE_FORM.reusableValue),
  };
}
