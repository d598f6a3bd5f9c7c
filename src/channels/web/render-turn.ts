/** One chat turn (the asker's words, then Lodestone's reply card) and one arrived decision, as chat entries. */
import { html, type SafeHtml } from './html.js';
import type { InboxItem } from './inbox-store.js';
import { renderNotice } from './render-notice.js';
import { renderReply } from './render-reply.js';
import type { Turn } from './transcript-store.js';

/** `answeredWith`: what the asker sent after this turn, when they did; the card's buttons are then spent. */
export function renderTurn(turn: Turn, csrfToken: string, answeredWith?: string): SafeHtml {
  return html`<div class="turn" id="turn-${turn.id}">
  <div class="bubble from-user"><p class="who">You</p><p class="said">${turn.text}</p></div>
  <div class="from-bot"><span class="avatar" aria-hidden="true">L</span><div class="bot-body"><p class="who">Lodestone</p>
  ${renderReply(turn.reply, { csrfToken, idSuffix: String(turn.id), ...(answeredWith !== undefined ? { answeredWith } : {}) })}
  </div></div>
</div>`;
}

export function renderInboxItem(item: InboxItem): SafeHtml {
  return html`<div class="turn" id="decision-${item.id}">${renderNotice(item.notice, String(item.id))}</div>`;
}
