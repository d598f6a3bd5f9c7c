/**
 * The one shape every channel gives a Reply (issue 14): what a reader sees at a glance, and what is one click away.
 *
 * At a glance: the verdict badge (an icon and words, never only a colour) with a one-line headline; "I read this as
 * …" with its corrections; the one or two reasons that decided it; the question to answer, if any; the primary
 * citation; and the case status or the offer to ask compliance. One click away (a web disclosure, a Slack
 * "Details" button, a Teams toggle): every other reason, the next steps, the facts still needed, every source.
 * The rule trace stays with the channels that show it (web, console), since a stored Slack reply drops it.
 *
 * Pure: the same Reply always gives the same view; the channels only lay it out within their own limits.
 */
import type { Reply } from '../contracts/reply.js';
import type { Citation } from '../rules/decision.js';
import { assertNever, type ReplyVerdict } from '../rules/verdict.js';
import { correctionLabels } from './read-as-corrections.js';

/** What the view reads of a Reply: the channels' stored replies (Slack keeps no trace) have at least this. */
export type ViewableReply = Pick<
  Reply, 'headline' | 'verdict' | 'reasons' | 'citations' | 'followUps' | 'nextSteps' | 'escalation' | 'disclaimer' | 'inputNote'
> & {
  readonly missing?: readonly string[] | undefined;
  readonly readAs?: { readonly text: string; readonly corrections: readonly { readonly label: string }[] } | undefined;
};

/** A verdict's icon by meaning; each channel draws it its own way (an SVG, an emoji, a word). */
export type VerdictIcon = 'licence' | 'stop' | 'check' | 'officer' | 'question' | 'info';

export interface VerdictBadge {
  readonly icon: VerdictIcon;
  /** The verdict in words, e.g. "Licence required". */
  readonly label: string;
  /** What the reader does about it, so licence required and prohibited differ in words as well as colour. */
  readonly action: string;
}

export interface ReplyQuestion {
  readonly text: string;
  readonly choices: readonly string[];
}

export interface CaseStatus {
  readonly caseId?: string;
  readonly state: Reply['escalation']['state'];
  readonly note?: string;
}

export interface ReplyDetails {
  /** The reasons not shown at a glance, in the Reply's order. */
  readonly reasons: readonly string[];
  /** Next steps for the verdict given, each once. */
  readonly nextSteps: readonly string[];
  readonly missing: readonly string[];
  /** Every source, the primary one first. */
  readonly citations: readonly Citation[];
}

export interface ReplyView {
  readonly verdict: ReplyVerdict;
  /** None for replies that decide nothing (help, information). */
  readonly badge?: VerdictBadge;
  readonly headline: string;
  readonly inputNote?: string;
  readonly readAs?: { readonly text: string; readonly corrections: readonly string[] };
  /** The one or two reasons that decided it (for information replies, the first lines of the answer). */
  readonly keyReasons: readonly string[];
  readonly question?: ReplyQuestion;
  readonly primaryCitation?: Citation;
  /** Where the question stands with compliance, when it is there or cannot go there. */
  readonly caseStatus?: CaseStatus;
  /** Offer "talk to compliance". */
  readonly offersEscalation: boolean;
  readonly details: ReplyDetails;
  /** True when the details hold anything the glance does not show. */
  readonly hasDetails: boolean;
  readonly disclaimer: string;
}

const BADGES: Record<Exclude<ReplyVerdict, 'none'>, VerdictBadge> = {
  license_required: { icon: 'licence', label: 'Licence required', action: 'Ship only with a MOFCOM licence' },
  prohibited: { icon: 'stop', label: 'Prohibited', action: 'Do not ship' },
  not_required: { icon: 'check', label: 'No licence required', action: 'No Chinese export licence needed' },
  escalate: { icon: 'officer', label: 'Compliance review', action: 'A compliance officer decides' },
  need_info: { icon: 'question', label: 'More information needed', action: 'Answer the question below' },
};

export function verdictBadge(verdict: ReplyVerdict): VerdictBadge | undefined {
  return verdict === 'none' ? undefined : BADGES[verdict];
}

/**
 * How many reasons a verdict shows at a glance. A question still open shows the one reason it is asked; an
 * information reply is its reasons, so it shows more of them.
 */
export function keyReasonCount(verdict: ReplyVerdict): number {
  switch (verdict) {
    case 'need_info':
      return 1;
    case 'license_required':
    case 'prohibited':
    case 'not_required':
    case 'escalate':
      return 2;
    case 'none':
      return 3;
    default:
      return assertNever(verdict, 'verdict');
  }
}

function unique(lines: readonly string[]): string[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    const key = l.trim().toLowerCase();
    if (key.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function caseStatusOf(e: Reply['escalation'], reasons: readonly string[]): CaseStatus | undefined {
  // The talk-to-compliance reply already says its note among its reasons.
  const note = e.note && !reasons.includes(e.note) ? e.note : undefined;
  switch (e.state) {
    case 'offered':
      return undefined;
    case 'not_needed':
      return note ? { state: e.state, note } : undefined;
    case 'opened':
    case 'existing':
    case 'claimed':
    case 'resolved':
      return { state: e.state, ...(e.caseId ? { caseId: e.caseId } : {}), ...(note ? { note } : {}) };
    default:
      return assertNever(e.state, 'escalation state');
  }
}

export function replyView(reply: ViewableReply): ReplyView {
  const reasons = unique(reply.reasons);
  const shown = keyReasonCount(reply.verdict);
  const followUp = reply.followUps[0];
  const question = followUp ? { text: followUp.question, choices: unique(followUp.choices) } : undefined;
  const readAs = reply.readAs
    ? { text: reply.readAs.text, corrections: correctionLabels(reply.readAs.corrections, question?.choices ?? []) }
    : undefined;
  const badge = verdictBadge(reply.verdict);
  const caseStatus = caseStatusOf(reply.escalation, reasons);
  const details: ReplyDetails = {
    reasons: reasons.slice(shown),
    // A question still open has no steps yet: they belong to the verdict it will get.
    nextSteps: reply.verdict === 'need_info' ? [] : unique(reply.nextSteps),
    missing: unique(reply.missing ?? []),
    citations: reply.citations,
  };
  const primaryCitation = reply.citations[0];
  return {
    verdict: reply.verdict,
    ...(badge ? { badge } : {}),
    headline: reply.headline,
    ...(reply.inputNote ? { inputNote: reply.inputNote } : {}),
    ...(readAs ? { readAs } : {}),
    keyReasons: reasons.slice(0, shown),
    ...(question ? { question } : {}),
    ...(primaryCitation ? { primaryCitation } : {}),
    ...(caseStatus ? { caseStatus } : {}),
    offersEscalation: reply.escalation.state === 'offered',
    details,
    hasDetails: details.reasons.length + details.nextSteps.length + details.missing.length > 0 || reply.citations.length > 1,
    disclaimer: reply.disclaimer,
  };
}
