/** Payloads shaped as Slack sends them, and readers for what Lodestone sent back. */
import { TEAM_ID, type FakeCall } from './fake-slack-api.js';

export interface Block {
  readonly type: string;
  readonly block_id?: string;
  readonly text?: { readonly type: string; readonly text: string };
  readonly elements?: readonly { readonly type: string; readonly action_id?: string; readonly value?: string; readonly text?: string | { readonly text: string } }[];
  readonly accessory?: { readonly action_id?: string; readonly value?: string };
}

export function blocksOf(call: FakeCall | undefined): Block[] {
  const blocks = call?.args.blocks;
  return Array.isArray(blocks) ? (blocks as Block[]) : [];
}

export function headerOf(call: FakeCall | undefined): string | undefined {
  return blocksOf(call).find((b) => b.type === 'header')?.text?.text;
}

export function textOf(call: FakeCall | undefined): string {
  return blocksOf(call).flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : e.text?.text ?? ''))]).join('\n');
}

/** Every button in a message, with the block it sits in. */
export function buttonsOf(call: FakeCall | undefined): { actionId: string; value: string; blockId: string; text: string }[] {
  return blocksOf(call).flatMap((b) => [
    ...(b.type === 'actions' ? b.elements ?? [] : []).map((e) => ({
      actionId: e.action_id ?? '', value: e.value ?? '', blockId: b.block_id ?? '', text: typeof e.text === 'string' ? e.text : e.text?.text ?? '',
    })),
    ...(b.accessory?.action_id ? [{ actionId: b.accessory.action_id, value: b.accessory.value ?? '', blockId: b.block_id ?? '', text: '' }] : []),
  ]);
}

let trigger = 0;
export function triggerId(): string {
  trigger += 1;
  return `${1000 + trigger}.2000.${trigger.toString(16).padStart(8, '0')}`;
}

export interface ClickInput {
  readonly user: string;
  readonly channel: string;
  readonly messageTs: string;
  readonly actionId: string;
  readonly blockId: string;
  readonly value: string;
  readonly responseUrl: string;
  readonly ephemeral?: boolean;
  readonly threadTs?: string;
}

export function blockAction(i: ClickInput): Record<string, unknown> {
  return {
    type: 'block_actions',
    token: 'legacy-unused',
    api_app_id: 'A_TEST',
    trigger_id: triggerId(),
    team: { id: TEAM_ID, domain: 'test' },
    user: { id: i.user, username: i.user.toLowerCase(), name: i.user.toLowerCase(), team_id: TEAM_ID },
    channel: { id: i.channel, name: 'channel' },
    container: {
      type: 'message', message_ts: i.messageTs, channel_id: i.channel, is_ephemeral: i.ephemeral ?? false,
      ...(i.threadTs ? { thread_ts: i.threadTs } : {}),
    },
    response_url: i.responseUrl,
    actions: [{ type: 'button', action_id: i.actionId, block_id: i.blockId, value: i.value, action_ts: `${Date.now() / 1000}` }],
  };
}

export interface DecisionInput {
  readonly user: string;
  readonly caseId: string;
  readonly verdict?: string;
  readonly note?: string;
  readonly reusable?: boolean;
}

export function decisionSubmission(i: DecisionInput): Record<string, unknown> {
  return {
    type: 'view_submission',
    token: 'legacy-unused',
    api_app_id: 'A_TEST',
    trigger_id: triggerId(),
    team: { id: TEAM_ID, domain: 'test' },
    user: { id: i.user, username: i.user.toLowerCase(), name: i.user.toLowerCase(), team_id: TEAM_ID },
    view: {
      id: 'V_DECIDE', type: 'modal', team_id: TEAM_ID, callback_id: 'case_decision',
      private_metadata: JSON.stringify({ caseId: i.caseId }),
      state: {
        values: {
          verdict: { verdict_select: { type: 'static_select', selected_option: i.verdict ? { text: { type: 'plain_text', text: i.verdict }, value: i.verdict } : null } },
          note: { note_input: { type: 'plain_text_input', value: i.note ?? null } },
          reusable: { reusable_check: { type: 'checkboxes', selected_options: i.reusable ? [{ text: { type: 'plain_text', text: 'Reusable' }, value: 'reusable' }] : [] } },
        },
      },
    },
  };
}
