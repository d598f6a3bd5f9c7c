import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from './fake-slack-api.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
});

interface Block {
  type: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; text?: string | { text: string } }[];
  block_id?: string;
}

function blocksOf(args: Record<string, unknown>): Block[] {
  return Array.isArray(args.blocks) ? (args.blocks as Block[]) : [];
}

function header(args: Record<string, unknown>): string | undefined {
  return blocksOf(args).find((b) => b.type === 'header')?.text?.text;
}

describe('Slack conversations', () => {
  it('answers a mention in a channel in the thread of the mention, with the verdict in a header', async () => {
    const res = await h.send.event({
      type: 'app_mention', user: 'U_ASKER', channel: 'C_GENERAL', ts: '1710000000.000100', event_ts: '1710000000.000100',
      text: `<@${BOT_USER_ID}> Can I export samarium metal from China to Germany for a civil motor maker?`,
    });
    expect(res.status).toBe(200);
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_GENERAL');
    expect(post?.args.thread_ts).toBe('1710000000.000100');
    expect(header(post?.args ?? {})).toMatch(/Licence required|No licence required|More information|compliance officer|Prohibited/);
    const context = blocksOf(post?.args ?? {}).at(-1);
    expect(context?.type).toBe('context');
  });
});
