/**
 * Every id the Slack app registers with Bolt, in one place: the manifest test compares these lists with
 * manifest/slack/manifest.yml both ways, so the code and the manifest cannot drift apart.
 */

/** Events API subscriptions (bot events). */
export const SLACK_EVENTS = ['app_mention', 'message.im', 'app_home_opened'] as const;

export const SLASH_COMMAND = '/lodestone';
export const SLACK_COMMANDS = [SLASH_COMMAND] as const;

export const ASK_SHORTCUT = 'ask_lodestone';
/** Message shortcuts (callback ids). */
export const SLACK_MESSAGE_SHORTCUTS = [ASK_SHORTCUT] as const;

/**
 * Block action ids. Follow-up buttons add `:<question>:<choice>` and correction buttons `:<n>`, since action ids
 * must be unique in a message.
 */
export const ACTION = {
  followupChoice: 'followup_choice',
  /** A one-tap correction of "I read this as"; its value is the correction's label, sent as the next turn. */
  readAsCorrection: 'readas_correct',
  escalate: 'escalate',
  /** Posts the answer's details (every reason, next steps, every source) to the clicker alone. */
  details: 'reply_details',
  helpful: 'feedback_helpful',
  notHelpful: 'feedback_not_helpful',
  share: 'share_in_channel',
  claim: 'case_claim',
  decide: 'case_decide',
  /** Send the lines of a screened BOM that need a decision to compliance as one case; its value is the upload id. */
  bomEscalate: 'bom_escalate',
  /** On a horizon alert: opens the "record what followed" modal; its value is the suspension's source ID. */
  recordStatus: 'horizon_record',
} as const;
export const SLACK_ACTIONS = Object.values(ACTION);

/** Modal callback ids. */
export const VIEW = {
  decide: 'case_decision',
  /** The "record what followed" form, then its preview with Confirm (src/channels/slack/register-status-desk.ts). */
  statusForm: 'status_record',
  statusConfirm: 'status_confirm',
} as const;
export const SLACK_VIEWS = Object.values(VIEW);

/** Block and action ids inside the decision modal; the view submission reads its state by these. */
export const DECIDE_FORM = {
  verdictBlock: 'verdict',
  verdictAction: 'verdict_select',
  noteBlock: 'note',
  noteAction: 'note_input',
  reusableBlock: 'reusable',
  reusableAction: 'reusable_check',
  reusableValue: 'reusable',
} as const;

/** The sentence an Escalate click sends as the clicker's next turn; the assistant reads it as talk_to_human. */
export const ESCALATE_TEXT = 'Please pass this to a compliance officer.';

/** The bot scopes the code needs, and why; the manifest must ask for exactly these. */
export const BOT_SCOPES = {
  'app_mentions:read': 'app_mention events',
  'chat:write': 'answers, case cards and their updates (chat.postMessage, chat.update, chat.postEphemeral)',
  'files:read': 'downloading a bill of materials shared with Lodestone (url_private, with the bot token)',
  'files:write': 'replying with the annotated bill of materials (files.uploadV2)',
  commands: 'the /lodestone command and the message shortcut',
  'im:history': 'message.im events (direct messages)',
  'im:read': 'knowing a DM channel when one is opened with Lodestone',
  'im:write': 'sending a decision to the asker by DM',
  'users:read': 'askers\' names on case cards (users.info)',
} as const;
export const SLACK_BOT_SCOPES = Object.keys(BOT_SCOPES);
