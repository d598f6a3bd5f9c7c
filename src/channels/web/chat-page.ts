/** The web chat page: the conversation so far, the composer, and a fresh-start button. Works without scripts. */
import { randomUUID } from 'node:crypto';
import { html, type SafeHtml } from './html.js';
import type { InboxItem } from './inbox-store.js';
import { page } from './layout.js';
import { renderInboxItem, renderTurn } from './render-turn.js';
import type { Turn } from './transcript-store.js';

export interface ChatPageInput {
  readonly turns: readonly Turn[];
  readonly inbox: readonly InboxItem[];
  readonly csrfToken: string;
  readonly loggedIn: boolean;
  /** Set after a refused form post (no script), shown above the composer. */
  readonly error?: string;
}

export function renderChatPage(input: ChatPageInput): SafeHtml {
  // A turn's buttons are spent once the asker has sent the next message: what they sent marks the chosen one.
  const entries = [
    ...input.turns.map((t, i) => ({ at: t.at, order: 0, view: renderTurn(t, input.csrfToken, input.turns[i + 1]?.text) })),
    ...input.inbox.map((i) => ({ at: i.at, order: 1, view: renderInboxItem(i) })),
  ].sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1));
  const lastInbox = input.inbox.reduce((max, i) => Math.max(max, i.id), 0);
  return page({
    title: 'Ask Lodestone',
    section: 'chat',
    layout: 'chat',
    csrfToken: input.csrfToken,
    loggedIn: input.loggedIn,
    scripts: ['chat.js'],
    body: html`<div class="chat-top">
  <h1>Ask Lodestone</h1>
  <form method="post" action="/chat/new" class="new-conversation">
    <input type="hidden" name="csrf" value="${input.csrfToken}">
    <button type="submit" class="secondary small">Start a new conversation</button>
  </form>
</div>
<p class="intro"><a href="/chat/bom" id="screen-bom-link">Screen a bill of materials (CSV or XLSX)</a>: every line, and the product's Chinese rare-earth content share.</p>
<section class="conversation" aria-labelledby="conversation-heading">
  <h2 id="conversation-heading" class="visually-hidden">Conversation</h2>
  <div id="chat-log" class="chat-log" role="log" aria-live="polite" aria-relevant="additions" data-inbox-after="${lastInbox}">
    ${entries.length === 0 ? html`<div class="empty" id="chat-empty"><p>Ask whether a rare-earth material, magnet, part, product or cooperation needs a Chinese export licence. Unclear cases go to the compliance team, and their decision appears here.</p><p>For example: “Do sintered NdFeB magnets with dysprosium need a licence to ship from Ningbo to Germany?”</p></div>` : entries.map((e) => e.view)}
  </div>
</section>
<form id="composer" class="composer" method="post" action="/chat" data-chat-send>
  <input type="hidden" name="csrf" value="${input.csrfToken}">
  <input type="hidden" name="key" value="${randomUUID()}">
  <label for="question" class="visually-hidden">Your question</label>
  ${input.error && html`<p class="error" role="alert">${input.error}</p>`}
  <div class="composer-row">
    <textarea id="question" name="text" rows="2" required placeholder="Ask about a material, part, product or cooperation…" aria-describedby="question-hint"></textarea>
    <button type="submit" id="ask">Ask</button>
  </div>
  <div class="composer-foot">
    <p id="question-hint" class="hint">Say what it is, where it is made and shipped from, where it goes and who uses it.</p>
    <details class="options">
      <summary>Options</summary>
      <label for="as-of">Answer as of this date (optional)</label>
      <input type="date" id="as-of" name="asOf" min="2000-01-01" max="2100-12-31" aria-describedby="as-of-hint">
      <p id="as-of-hint" class="hint">Leave empty for today. The rules in force that day are applied.</p>
    </details>
  </div>
  <p id="chat-status" class="status" role="status"></p>
</form>`,
  });
}
