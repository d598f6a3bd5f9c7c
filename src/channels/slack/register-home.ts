/** The App Home tab, published each time a user opens it. */
import type { CaseView } from '../../cases/case-view.js';
import { HomeOpenedEventSchema } from './payloads.js';
import { renderHome, type HomeQuestion } from './render-home.js';
import type { SlackContext } from './slack-context.js';

export function homeQueue(ctx: SlackContext): CaseView[] {
  const waiting = (['open', 'reopened', 'claimed'] as const).flatMap((state) => ctx.app.cases.list({ state, limit: 50 }));
  return waiting.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function homeQuestions(ctx: SlackContext, user: string): HomeQuestion[] {
  return ctx.store.recent(user, 10).map((t) => ({
    question: t.question, verdict: t.reply.verdict, askedAt: t.createdAt,
    case: t.caseId ? ctx.app.cases.get(t.caseId) : undefined,
  }));
}

export function registerHome(ctx: SlackContext): void {
  ctx.on.event('app_home_opened', async ({ event }) => {
    const e = HomeOpenedEventSchema.safeParse(event);
    if (!e.success || (e.data.tab !== undefined && e.data.tab !== 'home')) return;
    const user = e.data.user;
    ctx.queue.push(`home:${user}`, async () => {
      const officer = ctx.app.cases.isOfficer({ channel: 'slack', user });
      const view = renderHome({ questions: homeQuestions(ctx, user), ...(officer ? { queue: homeQueue(ctx) } : {}) });
      await ctx.client.views.publish({ user_id: user, view });
    });
  });
}
