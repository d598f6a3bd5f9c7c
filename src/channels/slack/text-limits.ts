/**
 * Slack's Block Kit limits and the helpers that keep text inside them. Slack rejects a whole message
 * (`invalid_blocks`) when one field is too long, so every piece of text goes through one of these and is cut
 * cleanly: at a word boundary when there is one near the end, never inside a surrogate pair or an `&amp;` entity,
 * and with an ellipsis so the reader sees that something was cut.
 */

export const LIMITS = {
  blocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  contextText: 3000,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  blockId: 255,
  actionId: 255,
  /** The notification fallback `text` of a message. */
  fallbackText: 3000,
  modalTitle: 24,
  privateMetadata: 3000,
  optionText: 75,
  inputLabel: 2000,
} as const;

export const ELLIPSIS = '…';

/** Slack's mrkdwn control characters; user text must not become a link, a mention or `<!channel>`. */
export function escapeMrkdwn(text: string): string {
  return /[&<>]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

/**
 * The longest prefix of `text` whose rendering (by `render`) plus an ellipsis fits in `max` UTF-16 units,
 * preferring to stop at a space in the last fifth. `render` is applied per code point so an escape is never split.
 */
function cut(text: string, max: number, render: (cp: string) => string, renderAll: (t: string) => string): string {
  // Most text fits: render it whole, and only walk it character by character when it must be cut.
  const all = renderAll(text);
  if (all.length <= max) return all;
  const whole = Array.from(text).map(render);
  const budget = max - ELLIPSIS.length;
  if (budget <= 0) return ELLIPSIS.slice(0, Math.max(0, max));
  let used = 0;
  let n = 0;
  while (n < whole.length) {
    const piece = whole[n] ?? '';
    if (used + piece.length > budget) break;
    used += piece.length;
    n++;
  }
  let end = n;
  for (let i = n - 1; i > 0 && i >= Math.floor(n * 0.8); i--) {
    if (/\s/.test(whole[i] ?? '')) {
      end = i;
      break;
    }
  }
  return `${whole.slice(0, end).join('').trimEnd()}${ELLIPSIS}`;
}

/** Plain text (headers, buttons, options) cut to `max`. */
export function fitPlain(text: string, max: number): string {
  return cut(text, max, (cp) => cp, (t) => t);
}

/** Text escaped for mrkdwn and cut to `max`, never leaving half an entity. */
export function fitMrkdwn(text: string, max: number): string {
  return cut(text, max, escapeMrkdwn, escapeMrkdwn);
}

/** Plain text that must never be empty (Slack refuses empty text objects). */
export function nonEmpty(text: string, fallback: string): string {
  return text.trim().length > 0 ? text : fallback;
}

/**
 * Packs already rendered lines into as few texts of at most `max` units as possible, each line cut to fit on its
 * own, so a long list becomes several sections instead of one that Slack would refuse.
 */
export function packLines(lines: readonly string[], max: number, cutLine: (line: string, max: number) => string): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = cutLine(raw, max);
    if (current.length === 0) current = line;
    else if (current.length + 1 + line.length <= max) current = `${current}\n${line}`;
    else {
      out.push(current);
      current = line;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
