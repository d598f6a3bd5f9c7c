/**
 * A bill of materials sent to Lodestone as a file in a Teams personal chat: the file.download.info attachment's
 * downloadUrl is fetched (pre-authorised by Teams, so no credential is sent; only from an allowed origin), screened by
 * the app's BomUploads on the CLI's path, and answered with a card: the summary, a signed link to the annotated file
 * served by this app, and a button that sends the lines needing a decision to compliance as one case.
 */
import { z } from 'zod';
import type { UploadOutcome } from '../bom-upload/bom-uploads.js';
import { fetchLimited } from '../bom-upload/fetch-limited.js';
import { describeLine } from '../../bom/screening-summary.js';
import { bullets, card, clip, container, text, type Element } from './card-elements.js';
import { cardData } from './card-actions.js';
import { conversationKey } from './conversations.js';
import type { TeamsDeps } from './teams-deps.js';
import type { AdaptiveCard, InboundActivity, TeamsTurn } from './teams-port.js';
import { userOf } from './to-message.js';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const DownloadInfoSchema = z.looseObject({ downloadUrl: z.url().max(4000), fileType: z.string().max(20).optional() });
const LINES_LISTED = 8;

/** The file sent with a message, if there is one. */
export function fileAttachment(a: InboundActivity): { name: string; downloadUrl: string } | undefined {
  for (const att of a.attachments) {
    if (att.contentType !== FILE_DOWNLOAD_INFO) continue;
    const info = DownloadInfoSchema.safeParse(att.content);
    if (info.success) return { name: att.name ?? `file.${info.data.fileType ?? 'bin'}`, downloadUrl: info.data.downloadUrl };
  }
  return undefined;
}

/** Where an annotated file of this upload can be downloaded: a link signed for it, served by this app. */
export function annotatedLink(deps: TeamsDeps, id: string): string {
  const sig = deps.app.bomUploads.linkSignature(id);
  return `${deps.publicUrl}/api/bom/${id}/annotated.xlsx?sig=${sig}`;
}

export function screeningCard(deps: TeamsDeps, out: Extract<UploadOutcome, { kind: 'screened' }>): AdaptiveCard {
  const s = out.summary;
  const listed = s.needDecision.slice(0, LINES_LISTED).map((l) => `${describeLine(l)}: part ${l.partExport.verdict}, product ${l.productExport.verdict}`);
  const more = s.needDecision.length > LINES_LISTED ? [`and ${s.needDecision.length - LINES_LISTED} more (see the annotated file)`] : [];
  const body: Element[] = [
    container([text(clip(s.headline, 2_000), { weight: 'bolder', size: 'medium' }), text(s.share)], 'emphasis'),
    text(s.partCounts, { spacing: 'small' }),
    text(s.productCounts, { spacing: 'small' }),
    ...bullets(s.notes.map((n) => clip(n, 2_000))),
    ...(s.needDecision.length > 0
      ? [text(`${s.needDecision.length} ${s.needDecision.length === 1 ? 'line needs' : 'lines need'} a compliance decision:`, { weight: 'bolder', spacing: 'medium' }), ...bullets([...listed, ...more])]
      : []),
    text(`Not legal advice. Rules version ${out.screening.rulesVersion}, as of ${out.screening.asOf}.`, { size: 'small', subtle: true, spacing: 'medium' }),
  ];
  const actions: Element[] = [
    { type: 'Action.OpenUrl', title: 'Download the annotated file', url: annotatedLink(deps, out.id) },
    ...(s.needDecision.length > 0 ? [{ type: 'Action.Submit', title: 'Send them to compliance as one case', data: cardData.bomEscalate(out.id), style: 'positive' }] : []),
  ];
  return card(body, actions);
}

export async function screenAttachment(deps: TeamsDeps, turn: TeamsTurn, file: { name: string; downloadUrl: string }): Promise<void> {
  const a = turn.activity;
  const uploads = deps.app.bomUploads;
  if (a.conversation.conversationType !== undefined && a.conversation.conversationType !== 'personal') {
    await turn.reply({ text: 'Send the bill of materials to me in a personal chat, and I will screen it there.' });
    return;
  }
  const where = { channel: 'teams' as const, user: userOf(a), conversation: conversationKey(a), fileName: file.name };
  const refused = async (out: UploadOutcome | undefined): Promise<boolean> => {
    if (out?.kind !== 'refused') return false;
    await turn.reply({ text: `I could not screen that file: ${out.message}` });
    return true;
  };
  if (await refused(await uploads.precheck(where, undefined))) return;
  let url: URL;
  try {
    url = new URL(file.downloadUrl);
  } catch {
    await turn.reply({ text: 'I could not fetch that file: it came without a usable address.' });
    return;
  }
  if (!deps.fileUrlAllowed(url)) {
    deps.app.logger.warn({ origin: url.origin }, 'teams: refused to fetch a file from this origin');
    await turn.reply({ text: 'I could not fetch that file: it is not served from where Teams keeps files.' });
    return;
  }
  const got = await fetchLimited(url, {}, uploads.maxBytes);
  if (got.kind === 'too_large') {
    await refused(await uploads.precheck(where, got.size));
    return;
  }
  if (got.kind === 'failed') {
    await turn.reply({ text: `I could not fetch ${file.name}: ${got.why}. Please send it again.` });
    return;
  }
  const out = await uploads.screen({ ...where, bytes: got.bytes, replyTo: { serviceUrl: turn.reference.serviceUrl, reference: turn.reference } });
  if (await refused(out)) return;
  if (out.kind !== 'screened') return;
  await turn.reply({ card: screeningCard(deps, out), summary: out.summary.headline });
}
