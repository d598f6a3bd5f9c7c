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
import { BODY_LIMIT, ChatInputSchema, InboxQuerySchema, SourcesQuerySchema, type ChatInput } from './input-schemas.js';
import { renderInboxItem, renderTurn } from './render-turn.js';
import type { WebSession } from './session.js';
import { renderSourcesPage } from './sources-page.js';
import type { Turn } from './transcript-store.js';
import type { WebContext } from './web-context.js';
import { WebError } from './web-error.js';

export interface ChatAnswer {
  readonly turn: number;
  /** The reply; for a repeated post, as the transcript keeps it (without the frame and the facts). */
  readonly reply: Reply | Turn['reply'];
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
  // A post's idempotency key (`key`) is claimed with its answer in the turn pipeline: a repeat of the post gets
  // the turn the first one was answered with, so a double click or a client's retry is never answered twice.
  const ask = async (req: Request, session: WebSession, input: ChatInput): Promise<{ turn: Turn; reply: Reply | Turn['reply'] }> => {
    const now = ctx.app.clock.now();
    const message = newMessage({
      id: `web-${input.key ?? randomUUID()}`, text: input.text, user: ctx.proxyUsers.userOf(req) ?? session.user,
      conversation: session.conversation, channel: 'web', receivedAt: now, ...(input.asOf ? { asOf: input.asOf } : {}),
    });
    const outcome = await ctx.chat.ask(session.conversation, message, input.key);
    if (outcome.kind === 'answered' && outcome.kept) return { turn: outcome.kept, reply: outcome.reply };
    if (outcome.kind === 'duplicate') ctx.app.metrics.duplicates.inc({ channel: 'web' });
    if (outcome.kept) return { turn: outcome.kept, reply: outcome.kept.reply };
    // Claimed, but its transcript row is gone (past retention): say so rather than answer it a second time.
    throw new WebError(409, 'duplicate', 'This question was already answered; ask it again to get a new answer.');
  };

  router.get('/', async (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    res.type('html').send(renderChatPage({
      turns: await ctx.chat.list(session.conversation),
      inbox: await ctx.inbox.list(session.conversation),
      csrfToken: session.csrfToken,
      loggedIn: tokenLogin(req),
    }).value);
  });

  router.post('/chat', form, async (req, res) => {
    const session = requireCsrf(ctx.sessions, req, formCsrf(req.body));
    const { turn } = await ask(req, session, ChatInputSchema.parse(req.body));
    res.redirect(303, `/#turn-${turn.id}`);
  });

  router.post('/chat/new', form, (req, res) => {
    requireCsrf(ctx.sessions, req, formCsrf(req.body));
    ctx.sessions.start(req, res);
    res.redirect(303, '/');
  });

  router.get('/sources', (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    const { party } = SourcesQuerySchema.parse(req.query);
    res.type('html').send(renderSourcesPage(ctx.app.rules, tokenLogin(req), session.csrfToken, party).value);
  });

  /** For API clients: starts a session and hands over its CSRF token. */
  router.get('/api/chat/session', (req, res) => {
    res.json({ csrfToken: ctx.sessions.ensure(req, res).csrfToken });
  });

  router.post('/api/chat/messages', json, async (req, res) => {
    const session = requireCsrf(ctx.sessions, req);
    const { turn, reply } = await ask(req, session, ChatInputSchema.parse(req.body));
    const body: ChatAnswer = { turn: turn.id, reply, html: renderTurn(turn, session.csrfToken).value };
    res.json(body);
  });

  router.get('/api/chat/inbox', async (req, res) => {
    const session = ctx.sessions.read(req);
    if (!session) {
      res.json({ items: [], last: 0 });
      return;
    }
    const { after } = InboxQuerySchema.parse(req.query);
    const items = await ctx.inbox.list(session.conversation, after);
    res.json({
      items: items.map((i) => ({ id: i.id, ...i.notice, html: renderInboxItem(i).value })),
      last: items.reduce((max, i) => Math.max(max, i.id), after),
    });
  });

  return router;
}
