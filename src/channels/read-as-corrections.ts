/**
 * Which one-tap corrections of "I read this as" a channel offers as buttons. A correction is sent back as its
 * label's text (the assistant matches it), so a label equal to a follow-up choice already on the same message
 * would be the same button twice; it is offered once, as the choice.
 */

/** The at most three corrections the core makes; a channel never shows more. */
export const MAX_CORRECTIONS = 3;

export function correctionLabels(
  corrections: readonly { readonly label: string }[],
  shownChoices: readonly string[],
): string[] {
  const taken = new Set(shownChoices.map((c) => c.trim().toLowerCase()));
  const out: string[] = [];
  for (const { label } of corrections) {
    const key = label.trim().toLowerCase();
    if (key.length === 0 || taken.has(key)) continue;
    taken.add(key);
    out.push(label);
  }
  return out.slice(0, MAX_CORRECTIONS);
}
