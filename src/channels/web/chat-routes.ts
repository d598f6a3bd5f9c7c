/**
 * The web chat: the page, its plain form post (works without scripts), and the JSON API the script uses.
 * Every question goes through app.answer, so it is understood, decided, escalated and audited like any other.
 */
import { randomUUID } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import { newMessage } from '../../contracts/message.js';
import type { Reply } from '../../contracts/reply.js';
import { renderChatPage } from './chat-page.js';
import { formCsrf, requireCsrf } from './csrf.js';
import { BODY_LIMIT, ChatInputSchema, InboxQuerySchema } from './input-schemas.js';
import { renderInboxItem, renderTurn } from './render-turn.js';
import type { WebSession } from './session.js';
import { renderSourcesPage } from './sources-page.js';
import type { Turn } from './transcript-store.js';
import type { WebContext } from './web-context.js';

export interface ChatAnswer {
  readonly turn: number;
  readonly reply: Reply;
  /** The same card the page shows, rendered by the server: the script only inserts it. */
  readonly html: string;
}

export function chatRoutes(ctx: WebContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 20 });
  const json = express.json({ limit: BODY_LIMIT });
  // "Log out" ends a token login; a proxy's user signs out at the proxy.
  const tokenLogin = (req: Request): boolean => ctx.auth.required && ctx.proxyUsers.userOf(req) === undefined;

  // The asker is the user a trusted proxy signed in, when there is one; otherwise the session's anonymous visitor.
  const ask = (req: Request, session: WebSession, text: string, asOf: string | undefined): Turn => {
    const now = ctx.app.clock.now();
    const message = newMessage({
      id: `web-${randomUUID()}`, text, user: ctx.proxyUsers.userOf(req) ?? session.user, conversation: session.conversation, channel: 'web',
      receivedAt: now, ...(asOf ? { asOf } : {}),
    });
    const reply = ctx.app.answer(message);
    return ctx.transcript.add(session.conversation, message.text, reply, now);
  };

  router.get('/', (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    res.type('html').send(renderChatPage({
      turns: ctx.transcript.list(session.conversation),
      inbox: ctx.inbox.list(session.conversation),
      csrfToken: session.csrfToken,
      loggedIn: tokenLogin(req),
    }).value);
  });

  router.post('/chat', form, (req, res) => {
    const session = requireCsrf(ctx.sessions, req, formCsrf(req.body));
    const input = ChatInputSchema.parse(req.body);
    const turn = ask(req, session, input.text, input.asOf);
    res.redirect(303, `/#turn-${turn.id}`);
  });

  router.post('/chat/new', form, (req, res) => {
    requireCsrf(ctx.sessions, req, formCsrf(req.body));
    ctx.sessions.start(req, res);
    res.redirect(303, '/');
  });

  router.get('/sources', (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    res.type('html').send(renderSourcesPage(ctx.app.rules, tokenLogin(req), session.csrfToken).value);
  });

  /** For API clients: starts a session and hands over its CSRF token. */
  router.get('/api/chat/session', (req, res) => {
    res.json({ csrfToken: ctx.sessions.ensure(req, res).csrfToken });
  });

  router.post('/api/chat/messages', json, (req, res) => {
    const session = requireCsrf(ctx.sessions, req);
    const input = ChatInputSchema.parse(req.body);
    const turn = ask(req, session, input.text, input.asOf);
    const body: ChatAnswer = { turn: turn.id, reply: turn.reply, html: renderTurn(turn, session.csrfToken).value };
    res.json(body);
  });

  router.get('/api/chat/inbox', (req, res) => {
    const session = ctx.sessions.read(req);
    if (!session) {
      res.json({ items: [], last: 0 });
      return;
    }
    const { after } = InboxQuerySchema.parse(req.query);
    const items = ctx.inbox.list(session.conversation, after);
    res.json({
      items: items.map((i) => ({ id: i.id, ...i.notice, html: renderInboxItem(i).value })),
      last: items.reduce((max, i) => Math.max(max, i.id), after),
    });
  });

  return router;
}
