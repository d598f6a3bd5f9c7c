/** The App Home tab, published each time a user opens it. */
import type { CaseView } from '../../cases/case-view.js';
import { HomeOpenedEventSchema } from './payloads.js';
import { renderHome, type HomeQuestion } from './render-home.js';
import type { SlackContext } from './slack-context.js';

export async function homeQueue(ctx: SlackContext): Promise<CaseView[]> {
  const waiting = (await Promise.all((['open', 'reopened', 'claimed'] as const).map((state) => ctx.app.desk.list({ state, limit: 50 })))).flat();
  return waiting.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function homeQuestions(ctx: SlackContext, user: string): Promise<HomeQuestion[]> {
  return Promise.all((await ctx.reads.recent(user, 10)).map(async (t) => ({
    question: t.question, verdict: t.reply.verdict, askedAt: t.createdAt,
    case: t.caseId ? await ctx.app.desk.get(t.caseId) : undefined,
  })));
}

export function registerHome(ctx: SlackContext): void {
  ctx.on.event('app_home_opened', async ({ event }) => {
    const e = HomeOpenedEventSchema.safeParse(event);
    if (!e.success || (e.data.tab !== undefined && e.data.tab !== 'home')) return;
    const user = e.data.user;
    ctx.queue.push(`home:${user}`, async () => {
      const officer = ctx.app.desk.isOfficer({ channel: 'slack', user });
      const view = renderHome({ questions: await homeQuestions(ctx, user), ...(officer ? { queue: await homeQueue(ctx) } : {}) });
      await ctx.client.views.publish({ user_id: user, view });
    });
  });
}
