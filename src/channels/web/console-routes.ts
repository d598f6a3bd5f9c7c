/**
 * The compliance console: cases by state, a case with its trace and the officer's actions, a dashboard of charts,
 * the audit log with its verification and CSV export, and the rules browser. Plain forms posting back and redirecting (POST,
 * redirect, GET), so it needs no script and every control is a real form control.
 *
 * It reads and acts only through the app's engine-neutral ports (the case desk, the alerts, the audit trail, the
 * dashboard, the rule status desk), so the same console serves SQLite and PostgreSQL; on PostgreSQL every instance
 * shows and changes the same cases.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import { officersFrom } from '../../app-context.js';
import { caseTrace } from '../../cases/case-decision.js';
import { CaseError } from '../../cases/case-error.js';
import type { Actor, CaseView } from '../../cases/case-view.js';
import { isoDay } from '../../core/clock.js';
import { wellFormed } from '../../core/well-formed.js';
import { renderAuditPage } from './console-audit-page.js';
import { renderCasePage } from './console-case-page.js';
import { renderCasesPage } from './console-cases-page.js';
import { renderDashboardPage } from './console-dashboard-page.js';
import { renderRulesPage, type DeskInput } from './console-rules-page.js';
import { cookieOptions, readCookie } from './cookies.js';
import { formCsrf, requireCsrf } from './csrf.js';
import {
  AlertAckFormSchema, BODY_LIMIT, CaseIdSchema, CaseQuerySchema, CasesQuerySchema, ClaimFormSchema, DecideFormSchema,
  DONE_MESSAGES, NoteFormSchema, RecordStatusFormSchema, ReopenFormSchema, RulesQuerySchema, type CaseFilter,
} from './input-schemas.js';
import type { WebContext } from './web-context.js';
import { WebError } from './web-error.js';

const OFFICER_COOKIE = 'lodestone_officer';
const AUDIT_PAGE_SIZE = 200;

const CASE_ERROR_STATUS: Record<CaseError['code'], number> = { not_officer: 403, not_found: 404, bad_state: 409, invalid: 400 };

export function consoleRoutes(ctx: WebContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 20 });
  const { desk, shared: { alerts } } = ctx.app;

  const defaultOfficer = (req: Request): string => readCookie(req, OFFICER_COOKIE) ?? officersFrom(ctx.app.config).web[0] ?? '';

  /** "Open" is the officers' queue, so it includes reopened cases. */
  const listCases = async (filter: CaseFilter): Promise<CaseView[]> => {
    if (filter === 'all') return desk.list({ limit: 500 });
    if (filter !== 'open') return desk.list({ state: filter, limit: 500 });
    const [open, reopened] = await Promise.all([desk.list({ state: 'open', limit: 500 }), desk.list({ state: 'reopened', limit: 500 })]);
    return [...open, ...reopened].sort((a, b) => (a.id < b.id ? 1 : -1));
  };

  const findCase = async (req: Request): Promise<CaseView> => {
    const id = CaseIdSchema.safeParse(req.params.id);
    const view = id.success ? await desk.get(id.data) : undefined;
    if (!view) throw new WebError(404, 'not_found', 'There is no such case.');
    return view;
  };

  const showCase = async (req: Request, res: Response, view: CaseView, extra: { done?: string; error?: string; status?: number } = {}) => {
    const session = ctx.sessions.ensure(req, res);
    const bomUpload = await ctx.app.bomUploads.uploadOfCase(view.id);
    res.status(extra.status ?? 200).type('html').send(renderCasePage({
      view, trace: caseTrace(ctx.app.rules, view), officer: defaultOfficer(req), csrfToken: session.csrfToken, loggedIn: ctx.auth.required,
      bomUpload,
      ...(extra.done ? { done: extra.done } : {}), ...(extra.error ? { error: extra.error } : {}),
    }).value);
  };

  router.get('/', async (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    const { state: filter } = CasesQuerySchema.parse(req.query);
    const [open, claimed, resolved, all, recent, acknowledgedAlerts] = await Promise.all([
      listCases('open'), listCases('claimed'), listCases('resolved'), listCases('all'), alerts.recent(), alerts.acknowledgedCount(),
    ]);
    const lists: Record<CaseFilter, CaseView[]> = { open, claimed, resolved, all };
    const counts: Record<CaseFilter, number> = { open: open.length, claimed: claimed.length, resolved: resolved.length, all: all.length };
    res.type('html').send(renderCasesPage({
      filter, cases: lists[filter], counts, alerts: recent, acknowledgedAlerts, csrfToken: session.csrfToken, loggedIn: ctx.auth.required,
    }).value);
  });

  router.post('/alerts/ack', form, async (req, res) => {
    requireCsrf(ctx.sessions, req, formCsrf(req.body));
    const input = AlertAckFormSchema.safeParse(req.body);
    if (!input.success) throw new WebError(400, 'bad_request', 'Which alert? The form named none.');
    await alerts.acknowledge(input.data.key, defaultOfficer(req) || 'console', ctx.app.clock.now());
    res.redirect(303, '/console#alerts-heading');
  });

  router.get('/cases/:id', async (req, res) => {
    const view = await findCase(req);
    const { done } = CaseQuerySchema.parse(req.query);
    await showCase(req, res, view, done ? { done: DONE_MESSAGES[done] } : {});
  });

  /** One officer action: CSRF, the form through zod, the case service, then back to the case page. */
  function action<S extends z.ZodType<{ officer: string }>>(
    name: 'claim' | 'decide' | 'note' | 'reopen', schema: S, done: keyof typeof DONE_MESSAGES,
    run: (caseId: string, officer: Actor, input: z.output<S>) => Promise<unknown>,
  ): void {
    router.post(`/cases/:id/${name}`, form, async (req, res) => {
      requireCsrf(ctx.sessions, req, formCsrf(req.body));
      const view = await findCase(req);
      const input = schema.safeParse(req.body);
      if (!input.success) {
        const issue = input.error.issues[0];
        await showCase(req, res, view, { status: 400, error: `${issue?.path.join('.') ?? 'form'}: ${issue?.message ?? 'invalid'}` });
        return;
      }
      const officer: Actor = { channel: 'web', user: wellFormed(input.data.officer) };
      try {
        await run(view.id, officer, input.data);
      } catch (e) {
        if (!(e instanceof CaseError)) throw e;
        await showCase(req, res, (await desk.get(view.id)) ?? view, { status: CASE_ERROR_STATUS[e.code], error: e.message });
        return;
      }
      res.cookie(OFFICER_COOKIE, officer.user, cookieOptions(req, 30 * 24 * 3_600_000));
      res.redirect(303, `/console/cases/${encodeURIComponent(view.id)}?done=${done}#main`);
    });
  }

  action('claim', ClaimFormSchema, 'claimed', (id, officer) => desk.claim(id, officer));
  action('decide', DecideFormSchema, 'decided', (id, officer, d) => desk.decide(id, officer, { verdict: d.verdict, note: d.note, reusable: d.reusable }));
  action('note', NoteFormSchema, 'noted', (id, officer, n) => desk.addNote(id, officer, n.note));
  action('reopen', ReopenFormSchema, 'reopened', (id, officer, r) => desk.reopen(id, officer, r.reason));

  // The numbers for the dashboard's charts; the page renders the same numbers as tables.
  router.get('/dashboard.json', async (_req, res) => {
    res.json(await ctx.app.dashboard(ctx.app.clock.now()));
  });

  router.get('/dashboard', async (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    res.type('html').send(renderDashboardPage({
      dashboard: await ctx.app.dashboard(ctx.app.clock.now()), csrfToken: session.csrfToken, loggedIn: ctx.auth.required,
    }).value);
  });

  router.get('/audit', async (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    const [verification, latest] = await Promise.all([ctx.app.trail.verify(), ctx.app.trail.latest(AUDIT_PAGE_SIZE)]);
    res.type('html').send(renderAuditPage({
      verification,
      records: latest.records,
      total: latest.total,
      csrfToken: session.csrfToken,
      loggedIn: ctx.auth.required,
    }).value);
  });

  router.get('/audit.csv', async (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .attachment(`lodestone-audit-${isoDay(ctx.app.clock.now())}.csv`)
      .send(await ctx.app.trail.exportCsv());
  });

  const RECORD_DONE = {
    recorded: 'Status recorded and applied: answers use it from now on; askers whose answer changed will be told.',
    unchanged: 'That status was already recorded: nothing changed, nobody is told again.',
  } as const;

  const showRules = async (req: Request, res: Response, shown: Partial<DeskInput> & { status?: number } = {}) => {
    const session = ctx.sessions.ensure(req, res);
    const { asOf, target, done, party } = RulesQuerySchema.parse(req.query);
    const { ruleDesk } = ctx.app;
    const [events, records] = await Promise.all([ruleDesk.unknownEvents(), ruleDesk.list()]);
    res.status(shown.status ?? 200).type('html').send(renderRulesPage({
      rules: ctx.app.rules.rules, rulesVersion: ctx.app.rules.version, asOf: asOf ?? isoDay(ctx.app.clock.now()),
      lists: ctx.app.rules, ...(party !== undefined ? { partyQuery: party } : {}),
      csrfToken: session.csrfToken, loggedIn: ctx.auth.required,
      desk: {
        events, records, officer: defaultOfficer(req), target,
        ...(done ? { done: RECORD_DONE[done] } : {}), ...shown,
      },
    }).value);
  };

  router.get('/rules', async (req, res) => showRules(req, res));

  /** The record form: parsed, the officer checked, then previewed (nothing stored) or recorded. */
  function recordRoute(path: 'preview' | 'record'): void {
    router.post(`/rules/${path}`, form, async (req, res) => {
      requireCsrf(ctx.sessions, req, formCsrf(req.body));
      const input = RecordStatusFormSchema.safeParse(req.body);
      if (!input.success) {
        const issue = input.error.issues[0];
        await showRules(req, res, { status: 400, error: `${issue?.path.join('.') ?? 'form'}: ${issue?.message ?? 'invalid'}` });
        return;
      }
      const officer: Actor = { channel: 'web', user: wellFormed(input.data.officer) };
      try {
        if (!desk.isOfficer(officer)) throw new CaseError('not_officer', `${officer.user} is not a compliance officer (OFFICERS_WEB)`);
        if (path === 'preview') {
          await showRules(req, res, { preview: { form: input.data.form, result: await ctx.app.ruleDesk.preview(input.data.record) } });
          return;
        }
        const outcome = await ctx.app.ruleDesk.record(input.data.record);
        res.cookie(OFFICER_COOKIE, officer.user, cookieOptions(req, 30 * 24 * 3_600_000));
        res.redirect(303, `/console/rules?done=${outcome.kind}#status-desk`);
      } catch (e) {
        if (!(e instanceof CaseError)) throw e;
        await showRules(req, res, { status: CASE_ERROR_STATUS[e.code], error: e.message });
      }
    });
  }
  recordRoute('preview');
  recordRoute('record');

  return router;
}
