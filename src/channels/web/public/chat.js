/*
 * Lodestone web chat, progressive enhancement: the page works with plain form posts; with this script, answers
 * arrive without a reload and officers' decisions appear as they are made (polled every few seconds).
 * The server renders every card (the same function as the page), so this script never builds HTML from data.
 */
/* global document, window, fetch, FormData, HTMLFormElement, HTMLButtonElement, HTMLTextAreaElement */
(() => {
  'use strict';
  const POLL_MS = 3000;
  const log = document.getElementById('chat-log');
  const status = document.getElementById('chat-status');
  const question = document.getElementById('question');
  const hint = document.getElementById('question-hint');
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (!log || !status || !(question instanceof HTMLTextAreaElement) || !meta) return;
  const csrf = meta.getAttribute('content') || '';
  let inboxAfter = Number(log.dataset.inboxAfter || '0');
  let busy = false;

  if (hint) hint.textContent += ' Press Enter to send; Shift+Enter starts a new line.';

  function append(html) {
    document.getElementById('chat-empty')?.remove();
    log.insertAdjacentHTML('beforeend', html);
    const added = log.lastElementChild;
    if (added) added.scrollIntoView({ block: 'nearest' });
  }

  /** The earlier answers' buttons answer questions no longer open: disable them, marking the one just sent. */
  function spend(sent) {
    const key = sent.trim().toLowerCase();
    for (const card of log.querySelectorAll('.reply:not(.answered)')) {
      card.classList.add('answered');
      for (const b of card.querySelectorAll('button')) {
        if (!(b instanceof HTMLButtonElement)) continue;
        b.disabled = true;
        if (b.value.trim().toLowerCase() === key && b.closest('.choices')) b.classList.add('chosen');
      }
      for (const hint of card.querySelectorAll('.follow-up .hint')) hint.remove();
    }
  }

  function setBusy(value) {
    busy = value;
    for (const b of document.querySelectorAll('form[data-chat-send] button')) {
      // Buttons of answers the conversation has moved past stay disabled (the server renders them so too).
      if (b instanceof HTMLButtonElement && !b.closest('.reply.answered')) b.disabled = value;
    }
    status.textContent = value ? 'Asking Lodestone…' : '';
  }

  /** One idempotency key per question: a retry of the same post is answered once (chat-routes.ts). */
  function newKey() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function send(text, asOf) {
    setBusy(true);
    const key = newKey();
    try {
      const res = await fetch('/api/chat/messages', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(asOf ? { text, asOf, key } : { text, key }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        setBusy(false);
        status.textContent = body.message || `The question could not be sent (HTTP ${res.status}).`;
        return false;
      }
      spend(text);
      append(body.html);
      setBusy(false);
      return true;
    } catch {
      setBusy(false);
      status.textContent = 'Lodestone could not be reached. Check the connection and try again.';
      return false;
    }
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-chat-send')) return;
    event.preventDefault();
    if (busy) return;
    const data = new FormData(form, event.submitter);
    const text = String(data.get('text') || '').trim();
    if (!text) {
      status.textContent = 'Type a question first.';
      question.focus();
      return;
    }
    const asOf = String(data.get('asOf') || '');
    void send(text, asOf).then((ok) => {
      if (ok && form.id === 'composer') question.value = '';
      question.focus();
    });
  });

  question.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      question.form?.requestSubmit();
    }
  });

  async function poll() {
    if (document.hidden) return;
    try {
      const res = await fetch(`/api/chat/inbox?after=${inboxAfter}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const body = await res.json();
      for (const item of body.items) append(item.html);
      inboxAfter = Math.max(inboxAfter, Number(body.last) || 0);
    } catch {
      // Offline for a moment: the next poll catches up, since it asks for everything after the last one seen.
    }
  }
  window.setInterval(() => void poll(), POLL_MS);
})();
