/**
 * The compliance console: cases by state, a case with its trace and the officer's actions, a dashboard of charts,
 * the audit log with its verification and CSV export, and the rules browser. Plain forms posting back and redirecting (POST,
 * redirect, GET), so it needs no script and every control is a real form control.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import { officersFrom } from '../../app-context.js';
import { caseTrace } from '../../cases/case-decision.js';
import { CaseError } from '../../cases/case-error.js';
import type { Actor, CaseView } from '../../cases/case-view.js';
import { readDashboard } from '../../cases/dashboard-queries.js';
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
import type { SqliteWebContext } from './web-context.js';
import { WebError } from './web-error.js';

const OFFICER_COOKIE = 'lodestone_officer';
const AUDIT_PAGE_SIZE = 200;

const CASE_ERROR_STATUS: Record<CaseError['code'], number> = { not_officer: 403, not_found: 404, bad_state: 409, invalid: 400 };

export function consoleRoutes(ctx: SqliteWebContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 20 });
  const { cases } = ctx.app;

  const defaultOfficer = (req: Request): string => readCookie(req, OFFICER_COOKIE) ?? officersFrom(ctx.app.config).web[0] ?? '';

  /** "Open" is the officers' queue, so it includes reopened cases. */
  const listCases = (filter: CaseFilter): CaseView[] => {
    if (filter === 'all') return cases.list({ limit: 500 });
    if (filter !== 'open') return cases.list({ state: filter, limit: 500 });
    return [...cases.list({ state: 'open', limit: 500 }), ...cases.list({ state: 'reopened', limit: 500 })]
      .sort((a, b) => (a.id < b.id ? 1 : -1));
  };

  const findCase = (req: Request): CaseView => {
    const id = CaseIdSchema.safeParse(req.params.id);
    const view = id.success ? cases.get(id.data) : undefined;
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

  router.get('/', (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    const { state: filter } = CasesQuerySchema.parse(req.query);
    const counts: Record<CaseFilter, number> = {
      open: listCases('open').length, claimed: listCases('claimed').length, resolved: listCases('resolved').length, all: listCases('all').length,
    };
    res.type('html').send(renderCasesPage({
      filter, cases: listCases(filter), counts, alerts: ctx.alerts.recent(), acknowledgedAlerts: ctx.alerts.acknowledgedCount(), csrfToken: session.csrfToken, loggedIn: ctx.auth.required,
    }).value);
  });

  router.post('/alerts/ack', form, (req, res) => {
    requireCsrf(ctx.sessions, req, formCsrf(req.body));
    const input = AlertAckFormSchema.safeParse(req.body);
    if (!input.success) throw new WebError(400, 'bad_request', 'Which alert? The form named none.');
    ctx.alerts.acknowledge(input.data.key, defaultOfficer(req) || 'console', ctx.app.clock.now());
    res.redirect(303, '/console#alerts-heading');
  });

  router.get('/cases/:id', async (req, res) => {
    const view = findCase(req);
    const { done } = CaseQuerySchema.parse(req.query);
    await showCase(req, res, view, done ? { done: DONE_MESSAGES[done] } : {});
  });

  /** One officer action: CSRF, the form through zod, the case service, then back to the case page. */
  function action<S extends z.ZodType<{ officer: string }>>(
    name: 'claim' | 'decide' | 'note' | 'reopen', schema: S, done: keyof typeof DONE_MESSAGES,
    run: (caseId: string, officer: Actor, input: z.output<S>) => void,
  ): void {
    router.post(`/cases/:id/${name}`, form, async (req, res) => {
      requireCsrf(ctx.sessions, req, formCsrf(req.body));
      const view = findCase(req);
      const input = schema.safeParse(req.body);
      if (!input.success) {
        const issue = input.error.issues[0];
        await showCase(req, res, view, { status: 400, error: `${issue?.path.join('.') ?? 'form'}: ${issue?.message ?? 'invalid'}` });
        return;
      }
      const officer: Actor = { channel: 'web', user: wellFormed(input.data.officer) };
      try {
        run(view.id, officer, input.data);
      } catch (e) {
        if (!(e instanceof CaseError)) throw e;
        await showCase(req, res, cases.get(view.id) ?? view, { status: CASE_ERROR_STATUS[e.code], error: e.message });
        return;
      }
      res.cookie(OFFICER_COOKIE, officer.user, cookieOptions(req, 30 * 24 * 3_600_000));
      res.redirect(303, `/console/cases/${encodeURIComponent(view.id)}?done=${done}#main`);
    });
  }

  action('claim', ClaimFormSchema, 'claimed', (id, officer) => cases.claim(id, officer));
  action('decide', DecideFormSchema, 'decided', (id, officer, d) => cases.decide(id, officer, { verdict: d.verdict, note: d.note, reusable: d.reusable }));
  action('note', NoteFormSchema, 'noted', (id, officer, n) => cases.addNote(id, officer, n.note));
  action('reopen', ReopenFormSchema, 'reopened', (id, officer, r) => cases.reopen(id, officer, r.reason));

  // The numbers for the dashboard's charts; the page renders the same numbers as tables.
  router.get('/dashboard.json', (_req, res) => {
    res.json(readDashboard(cases.db, ctx.app.clock.now()));
  });

  router.get('/dashboard', (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    res.type('html').send(renderDashboardPage({
      dashboard: readDashboard(cases.db, ctx.app.clock.now()), csrfToken: session.csrfToken, loggedIn: ctx.auth.required,
    }).value);
  });

  router.get('/audit', (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    const records = cases.audit.records();
    res.type('html').send(renderAuditPage({
      verification: cases.verifyAuditTrail(),
      records: records.slice(-AUDIT_PAGE_SIZE).reverse(),
      total: records.length,
      csrfToken: session.csrfToken,
      loggedIn: ctx.auth.required,
    }).value);
  });

  router.get('/audit.csv', (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .attachment(`lodestone-audit-${isoDay(ctx.app.clock.now())}.csv`)
      .send(cases.audit.exportAuditCsv());
  });

  const RECORD_DONE = {
    recorded: 'Status recorded and applied: answers use it from now on; askers whose answer changed will be told.',
    unchanged: 'That status was already recorded: nothing changed, nobody is told again.',
  } as const;

  const showRules = (req: Request, res: Response, desk: Partial<DeskInput> & { status?: number } = {}) => {
    const session = ctx.sessions.ensure(req, res);
    const { asOf, target, done, party } = RulesQuerySchema.parse(req.query);
    const { statusDesk } = ctx.app;
    res.status(desk.status ?? 200).type('html').send(renderRulesPage({
      rules: ctx.app.rules.rules, rulesVersion: ctx.app.rules.version, asOf: asOf ?? isoDay(ctx.app.clock.now()),
      lists: ctx.app.rules, ...(party !== undefined ? { partyQuery: party } : {}),
      csrfToken: session.csrfToken, loggedIn: ctx.auth.required,
      desk: {
        events: statusDesk.unknownEvents(), records: statusDesk.list(), officer: defaultOfficer(req), target,
        ...(done ? { done: RECORD_DONE[done] } : {}), ...desk,
      },
    }).value);
  };

  router.get('/rules', (req, res) => showRules(req, res));

  /** The record form: parsed, the officer checked, then previewed (nothing stored) or recorded. */
  function recordRoute(path: 'preview' | 'record'): void {
    router.post(`/rules/${path}`, form, (req, res) => {
      requireCsrf(ctx.sessions, req, formCsrf(req.body));
      const input = RecordStatusFormSchema.safeParse(req.body);
      if (!input.success) {
        const issue = input.error.issues[0];
        showRules(req, res, { status: 400, error: `${issue?.path.join('.') ?? 'form'}: ${issue?.message ?? 'invalid'}` });
        return;
      }
      const officer: Actor = { channel: 'web', user: wellFormed(input.data.officer) };
      try {
        if (!cases.isOfficer(officer)) throw new CaseError('not_officer', `${officer.user} is not a compliance officer (OFFICERS_WEB)`);
        if (path === 'preview') {
          showRules(req, res, { preview: { form: input.data.form, result: ctx.app.statusDesk.preview(input.data.record) } });
          return;
        }
        const outcome = ctx.app.statusDesk.record(input.data.record);
        res.cookie(OFFICER_COOKIE, officer.user, cookieOptions(req, 30 * 24 * 3_600_000));
        res.redirect(303, `/console/rules?done=${outcome.kind}#status-desk`);
      } catch (e) {
        if (!(e instanceof CaseError)) throw e;
        showRules(req, res, { status: CASE_ERROR_STATUS[e.code], error: e.message });
      }
    });
  }
  recordRoute('preview');
  recordRoute('record');

  return router;
}
