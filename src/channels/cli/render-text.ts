/** The Reply as plain text for a terminal: the same content every channel shows, in the same order. */
import type { Reply } from '../../contracts/reply.js';

export function renderText(reply: Reply): string {
  const lines: string[] = [];
  lines.push(`${reply.verdict === 'none' ? '' : `[${reply.verdict}] `}${reply.headline}`);
  if (reply.inputNote) lines.push(`(${reply.inputNote})`);
  if (reply.readAs) {
    lines.push(reply.readAs.text);
    if (reply.readAs.corrections.length) lines.push(`  (not right? reply with: ${reply.readAs.corrections.map((c) => `"${c.label}"`).join(' / ')})`);
  }
  for (const r of reply.reasons) lines.push(`  - ${r}`);
  for (const f of reply.followUps) {
    lines.push(`? ${f.question}`);
    if (f.choices.length) lines.push(`  (for example: ${f.choices.join(' / ')})`);
  }
  if (reply.nextSteps.length) {
    lines.push('Next steps:');
    for (const s of reply.nextSteps) lines.push(`  - ${s}`);
  }
  if (reply.escalation.note) lines.push(`Escalation: ${reply.escalation.note}`);
  if (reply.citations.length) {
    lines.push('Sources:');
    for (const c of reply.citations) {
      lines.push(`  ${c.source}${c.article ? ` ${c.article}` : ''}${c.title ? ` - ${c.title}` : ''}${c.url ? ` <${c.url}>` : ''}`);
    }
  }
  lines.push(reply.disclaimer);
  return lines.join('\n');
}

/** The `--json` line of `lodestone ask`: the contract of design §7, plus the headline and follow-ups. */
export function replyJson(reply: Reply): Record<string, unknown> {
  return {
    intent: reply.intent,
    verdict: reply.verdict,
    headline: reply.headline,
    citations: reply.citations,
    reasons: reply.reasons,
    missing: reply.missing,
    followUps: reply.followUps,
    nextSteps: reply.nextSteps,
    escalation: reply.escalation,
    // The rules that fired exactly as `decide --json` prints them (the engine's RuleResult), so one reader reads both.
    fired: reply.fired,
    rulesVersion: reply.rulesVersion,
    asOf: reply.asOf,
    readAs: reply.readAs ?? null,
    frame: reply.frame ?? null,
    facts: reply.facts ?? null,
  };
}
