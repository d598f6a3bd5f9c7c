/**
 * A bill of materials shared with Lodestone (in a DM, or with a mention in a channel): fetched from its url_private
 * with the bot token (only ever sent to Slack's own file host), screened by the app's BomUploads on the CLI's path,
 * and answered in the thread of the file's message with the summary, the annotated XLSX (files.uploadV2) and a
 * button that sends the lines needing a decision to compliance as one case.
 */
import type { RespondFn } from '@slack/bolt';
import type { EscalateOutcome, UploadOutcome } from '../bom-upload/bom-uploads.js';
import { fetchLimited, type Fetched } from '../bom-upload/fetch-limited.js';
import { describeLine } from '../../bom/screening-summary.js';
import { rowsXlsx } from '../../bom/write-screening.js';
import { conversationKey, encodeRef, type ConversationRef } from './conversation-ref.js';
import type { SharedFile } from './payloads.js';
import type { SlackContext } from './slack-context.js';
import { ACTION } from './slack-ids.js';
import { fitMrkdwn, fitPlain, LIMITS } from './text-limits.js';
import type { Block } from './render-blocks.js';

/** Slack serves private files from here; the bot token goes nowhere else. */
const SLACK_FILE_ORIGIN = 'https://files.slack.com';
const LINES_LISTED = 8;

export interface SharedFileTurn {
  readonly eventId: string;
  readonly team: string;
  readonly user: string;
  readonly channel: string;
  /** The thread the answer goes in: the file message's own, or the thread it was shared in. */
  readonly threadTs: string;
  readonly file: SharedFile;
}

/** Origins the bot token may be sent to: Slack's file host, and the configured Web API's (tests, a local Slack). */
export function fileOrigins(apiUrl: string | undefined): Set<string> {
  const origins = new Set([SLACK_FILE_ORIGIN]);
  if (apiUrl) origins.add(new URL(apiUrl).origin);
  return origins;
}

async function download(url: string, token: string, origins: Set<string>, maxBytes: number): Promise<Fetched> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'failed', why: 'the file has no usable address' };
  }
  if (!origins.has(u.origin)) return { kind: 'failed', why: `the file is not served by Slack (${u.origin})` };
  return fetchLimited(u, { authorization: `Bearer ${token}` }, maxBytes);
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: fitMrkdwn(text, LIMITS.sectionText) } };
}

export function screeningBlocks(out: Extract<UploadOutcome, { kind: 'screened' }>): { text: string; blocks: Block[] } {
  const s = out.summary;
  const lines = s.needDecision.slice(0, LINES_LISTED).map((l) => `• ${describeLine(l)}: part ${l.partExport.verdict}, product ${l.productExport.verdict}`);
  const more = s.needDecision.length > LINES_LISTED ? [`• and ${s.needDecision.length - LINES_LISTED} more (see the annotated file)`] : [];
  const blocks: Block[] = [
    section(`*${s.headline}*\n${s.share}`),
    section(`${s.partCounts}\n${s.productCounts}`),
  ];
  if (s.notes.length > 0) blocks.push(section(s.notes.map((n) => `• ${n}`).join('\n')));
  if (s.needDecision.length > 0) {
    blocks.push(section(`*${s.needDecision.length} ${s.needDecision.length === 1 ? 'line needs' : 'lines need'} a compliance decision:*\n${[...lines, ...more].join('\n')}`));
    blocks.push({
      type: 'actions',
      block_id: `bom:${out.id}`,
      elements: [{ type: 'button', action_id: ACTION.bomEscalate, value: out.id, style: 'primary', text: { type: 'plain_text', text: fitPlain('Send them to compliance as one case', 75) } }],
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: fitMrkdwn(`Not legal advice. Rules version ${out.screening.rulesVersion}, as of ${out.screening.asOf}. The annotated file follows.`, LIMITS.contextText) }] });
  return { text: fitPlain(s.headline, LIMITS.fallbackText), blocks };
}

export async function screenSharedFile(ctx: SlackContext, turn: SharedFileTurn): Promise<void> {
  const key = `slack:file:${turn.eventId}:${turn.file.id}`;
  // A retried delivery (or a restart mid-way), on any instance, must not screen and answer twice.
  if (!(await ctx.app.deliveries.claim(key))) return;
  try {
    await screenClaimed(ctx, turn);
  } catch (err) {
    // The asker is told, and a retry of the delivery may try again.
    await ctx.app.deliveries.release(key).catch(() => undefined);
    ctx.log.error({ err, fileId: turn.file.id }, 'screening a shared file failed');
    await ctx.client.chat.postMessage({ channel: turn.channel, thread_ts: turn.threadTs, text: 'Sorry, I could not screen that file. Please try again, or send it to the compliance team directly.' });
  }
}

async function screenClaimed(ctx: SlackContext, turn: SharedFileTurn): Promise<void> {
  const uploads = ctx.app.bomUploads;
  const ref: ConversationRef = { kind: 'thread', channel: turn.channel, threadTs: turn.threadTs };
  const conversation = conversationKey(turn.team, ref);
  const where = { channel: 'slack' as const, user: turn.user, conversation, fileName: turn.file.name ?? turn.file.title ?? 'file' };
  const say = (text: string, blocks?: Block[]) => ctx.client.chat.postMessage({
    channel: turn.channel, thread_ts: turn.threadTs, text: blocks ? text : fitMrkdwn(text, LIMITS.fallbackText), ...(blocks ? { blocks } : {}), unfurl_links: false,
  });
  const refusal = async (out: UploadOutcome | undefined): Promise<boolean> => {
    if (out?.kind !== 'refused') return false;
    await say(`:warning: I could not screen that file: ${out.message}`);
    return true;
  };

  if (await refusal(await uploads.precheck(where, turn.file.size))) return;
  const url = turn.file.url_private_download ?? turn.file.url_private;
  const got = url === undefined ? { kind: 'failed' as const, why: 'Slack gave no address for it' }
    : await download(url, ctx.token, fileOrigins(ctx.app.config.SLACK_API_URL), uploads.maxBytes);
  if (got.kind === 'too_large') {
    await refusal(await uploads.precheck(where, got.size));
    return;
  }
  if (got.kind === 'failed') {
    ctx.log.warn({ fileId: turn.file.id, why: got.why }, 'could not fetch a shared file');
    // Nothing was screened: let a retry of this delivery try again.
    await ctx.app.deliveries.release(`slack:file:${turn.eventId}:${turn.file.id}`);
    await say(`:warning: I could not fetch ${where.fileName}: ${got.why}. Please share it again.`);
    return;
  }
  const out = await uploads.screen({
    ...where, bytes: got.bytes, replyTo: { threadRef: turn.threadTs, slackChannel: turn.channel, slackRef: encodeRef(ref) },
  });
  if (await refusal(out)) return;
  if (out.kind !== 'screened') return;
  const m = screeningBlocks(out);
  await say(m.text, m.blocks);
  const rows = (await uploads.rows(out.id)) ?? [];
  await ctx.client.filesUploadV2({
    channel_id: turn.channel, thread_ts: turn.threadTs, file: await rowsXlsx(rows),
    filename: annotatedName(where.fileName), title: `${where.fileName}, screened as of ${out.screening.asOf}`,
  });
}

export function annotatedName(fileName: string): string {
  return `${fileName.replace(/\.[^.]+$/, '') || 'bom'}-screened.xlsx`;
}

/** The "send to compliance" button: one case for the upload's lines; the annotated file goes to the compliance channel with it. */
export async function escalateUpload(ctx: SlackContext, uploadId: string, user: { id: string; name?: string | undefined }, respond: RespondFn | undefined): Promise<EscalateOutcome> {
  const out = await ctx.app.bomUploads.escalate(uploadId, { channel: 'slack', user: user.id, ...(user.name ? { name: user.name } : {}) });
  const upload = await ctx.app.bomUploads.get(uploadId);
  const text = out.kind === 'refused' ? out.message
    : out.kind === 'opened' ? `Sent ${out.lines} ${out.lines === 1 ? 'line' : 'lines'} to the compliance team as case ${out.caseId}; the decision will be posted in this thread.`
      : `These lines are already with the compliance team as case ${out.caseId}.`;
  if (out.kind === 'refused') await respond?.({ response_type: 'ephemeral', replace_original: false, text: fitMrkdwn(text, LIMITS.fallbackText) });
  else if (upload?.replyTo.slackChannel && typeof upload.replyTo.threadRef === 'string') {
    await ctx.client.chat.postMessage({ channel: String(upload.replyTo.slackChannel), thread_ts: upload.replyTo.threadRef, text, unfurl_links: false });
  }
  const compliance = ctx.app.config.SLACK_COMPLIANCE_CHANNEL;
  if (out.kind === 'opened' && compliance && upload) {
    await ctx.client.filesUploadV2({
      channel_id: compliance, file: await rowsXlsx((await ctx.app.bomUploads.rows(uploadId)) ?? []), filename: annotatedName(upload.fileName),
      title: `${upload.fileName}, annotated, for case ${out.caseId}`, initial_comment: `The annotated bill of materials for case ${out.caseId}.`,
    });
  }
  return out;
}
