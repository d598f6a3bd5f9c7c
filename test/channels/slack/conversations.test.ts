import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_ID, BOT_USER_ID } from './fake-slack-api.js';
import { blockAction, blocksOf, buttonsOf, headerOf, textOf, triggerId } from './fixtures.js';
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

let tsSeq = 0;
function nextTs(): string {
  tsSeq += 1;
  return `1710000${String(tsSeq).padStart(3, '0')}.000100`;
}

function mention(text: string, channel = 'C_GENERAL', extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = nextTs();
  return { type: 'app_mention', user: 'U_ASKER', channel, ts, event_ts: ts, text: `<@${BOT_USER_ID}> ${text}`, ...extra };
}

function dm(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = nextTs();
  return { type: 'message', channel_type: 'im', channel: 'D_ASKER', user: 'U_ASKER', ts, event_ts: ts, text, ...extra };
}

describe('Slack conversations', () => {
  it('answers a mention in a channel in the thread of the mention, with the verdict in a header', async () => {
    const ev = mention('Can I export samarium metal from China to Germany for a civil motor maker?');
    const res = await h.send.event(ev);
    expect(res.status).toBe(200);
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_GENERAL');
    expect(post?.args.thread_ts).toBe(ev.ts);
    expect(headerOf(post)).toContain('Licence required');
    expect(textOf(post)).toContain('CN-ANN-2025-18');
    expect(blocksOf(post).at(-1)?.type).toBe('context');
    expect(textOf(post)).toContain('Not legal advice');
  });

  it('answers a mention inside a thread in that same thread', async () => {
    const ev = mention('Do I need a licence to export dysprosium?', 'C_GENERAL', { thread_ts: '1700000000.000001' });
    await h.send.event(ev);
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(post?.args.thread_ts).toBe('1700000000.000001');
  });

  it('answers a direct message in the DM', async () => {
    await h.send.event(dm('Can I export samarium metal from China to Germany for a civil motor maker?'));
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_ASKER');
    expect(post?.args.thread_ts).toBeUndefined();
    expect(headerOf(post)).toContain('Licence required');
  });

  it('reads the first 4,000 characters of an over-long mention and says so, instead of ignoring it', async () => {
    const question = 'Can I export samarium metal from China to Germany for a civil motor maker? ';
    const ev = mention(question + 'x'.repeat(40_001 - question.length), 'C_LONG');
    expect((ev.text as string).length).toBeGreaterThan(40_000);
    await h.send.event(ev);
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_LONG');
    expect(textOf(post)).toContain('characters long; I read the first 4,000.');
    expect(headerOf(post)).toContain('Licence required');
  });

  it("reads a direct message whose Slack escaping makes it over-long the same way", async () => {
    const question = 'Can I export samarium metal from China to Germany for a civil motor maker?';
    // 9,000 typed ampersands arrive as 45,000 characters of &amp;.
    await h.send.event(dm(`${question} ${'&amp;'.repeat(9_000)}`));
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'D_ASKER');
    expect(textOf(post)).toContain(`Your message was ${(question.length + 1 + 9_000).toLocaleString('en')} characters long; I read the first 4,000.`);
  });

  it('keeps the facts of a DM conversation from one message to the next', async () => {
    const who = { channel: 'D_FACTS', user: 'U_FACTS' };
    await h.send.event(dm('Can we ship NdFeB magnets from Ningbo to Germany?', who));
    await h.slack.idle();
    await h.send.event(dm('It contains terbium', who));
    await h.slack.idle();
    const [first, second] = h.fake.callsOf('chat.postMessage');
    expect(headerOf(first)).toContain('More information');
    expect(headerOf(second)).toContain('Licence required');
    expect(second?.args.channel).toBe('D_FACTS');
  });

  it('ignores bot messages, edits and other subtypes in DMs', async () => {
    const other = { channel: 'D_OTHER', user: 'U_OTHER' };
    await h.send.event(dm('a bot talking', { ...other, bot_id: BOT_ID, user: BOT_USER_ID }));
    await h.send.event(dm('edited', { ...other, subtype: 'message_changed' }));
    await h.send.event(dm('joined', { ...other, subtype: 'channel_join' }));
    await h.send.event(dm('Do I need a licence to export dysprosium?', other));
    await h.slack.idle();
    const posts = h.fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(headerOf(posts[0])).toContain('More information');
  });

  it('carries the facts of a thread into a follow-up answer clicked as a button', async () => {
    const ev = mention('Can we ship NdFeB magnets from Ningbo to Germany?');
    await h.send.event(ev);
    const [first] = await h.fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(headerOf(first)).toContain('More information');
    const choice = buttonsOf(first).find((b) => b.actionId.startsWith('followup_choice') && b.value === 'It contains dysprosium');
    expect(choice).toBeDefined();
    const res = await h.send.interaction(blockAction({
      user: 'U_ASKER', channel: 'C_GENERAL', messageTs: '1799999999.000001', threadTs: String(ev.ts),
      actionId: choice?.actionId ?? '', blockId: choice?.blockId ?? '', value: choice?.value ?? '', responseUrl: h.fake.responseUrl('fu'),
    }));
    expect(res.status).toBe(200);
    const posts = await h.fake.waitFor((c) => c.method === 'chat.postMessage', 2);
    const second = posts[1];
    expect(second?.args.thread_ts).toBe(ev.ts);
    expect(textOf(second)).toContain('answered “It contains dysprosium”');
    // The item, origin and destination came from the first turn; the choice completed the facts.
    expect(headerOf(second)).toContain('Licence required');
    const headline = blocksOf(second).find((b) => b.type === 'section')?.text?.text ?? '';
    expect(headline).toMatch(/dysprosium.*magnets/);
  });

  it('answers the same follow-up click once, however often it arrives', async () => {
    const ev = mention('Can we ship NdFeB magnets from Ningbo to Germany?');
    await h.send.event(ev);
    const [first] = await h.fake.waitFor((c) => c.method === 'chat.postMessage');
    const choice = buttonsOf(first).find((b) => b.value === 'It contains terbium');
    const click = blockAction({
      user: 'U_ASKER', channel: 'C_GENERAL', messageTs: '1799999999.000002', actionId: choice?.actionId ?? '',
      blockId: choice?.blockId ?? '', value: choice?.value ?? '', responseUrl: h.fake.responseUrl('fu2'),
    });
    await h.send.interaction(click);
    await h.send.interaction({ ...click, trigger_id: triggerId() });
    await h.slack.idle();
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(2);
  });

  it('refuses a follow-up button whose conversation names another channel', async () => {
    const click = blockAction({
      user: 'U_ASKER', channel: 'C_GENERAL', messageTs: '1799999999.000003', actionId: 'followup_choice:0',
      blockId: 'fu0|t:C_SECRET:1700000000.000001', value: 'It is SmCo', responseUrl: h.fake.responseUrl('forged-ref'),
    });
    await h.send.interaction(click);
    await h.slack.idle();
    const [told] = await h.fake.waitFor((c) => c.method === 'response_url');
    expect(String(told?.args.text)).toContain('no longer works');
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('answers /lodestone privately through the response_url, with a Share in channel button', async () => {
    const res = await h.send.command({
      channel_id: 'C_GENERAL', user_id: 'U_ASKER', user_name: 'asker', text: 'Can I export samarium metal from China to Germany for a civil motor maker?',
      trigger_id: triggerId(), response_url: h.fake.responseUrl('cmd1'),
    });
    expect(res.status).toBe(200);
    const [reply] = await h.fake.waitFor((c) => c.method === 'response_url' && c.path === 'cmd1');
    expect(reply?.args.response_type).toBe('ephemeral');
    expect(headerOf(reply)).toContain('Licence required');
    const share = buttonsOf(reply).find((b) => b.actionId === 'share_in_channel');
    expect(share).toBeDefined();
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(0);

    await h.send.interaction(blockAction({
      user: 'U_ASKER', channel: 'C_GENERAL', messageTs: '1799999999.000010', ephemeral: true, actionId: 'share_in_channel',
      blockId: share?.blockId ?? '', value: share?.value ?? '', responseUrl: h.fake.responseUrl('share1'),
    }));
    const shared = await h.fake.waitFor((c) => c.method === 'response_url' && c.path === 'share1', 2);
    expect(shared[0]?.args.response_type).toBe('in_channel');
    expect(textOf(shared[0])).toContain('asked Lodestone');
    expect(buttonsOf(shared[0])).toHaveLength(0);
    expect(shared[1]?.args.delete_original).toBe(true);
  });

  it('lets only the asker share their private answer', async () => {
    await h.send.command({
      channel_id: 'C_GENERAL', user_id: 'U_ASKER', text: 'Do I need a licence to export dysprosium?', trigger_id: triggerId(), response_url: h.fake.responseUrl('cmd2'),
    });
    const [reply] = await h.fake.waitFor((c) => c.method === 'response_url' && c.path === 'cmd2');
    const share = buttonsOf(reply).find((b) => b.actionId === 'share_in_channel');
    await h.send.interaction(blockAction({
      user: 'U_SOMEONE', channel: 'C_GENERAL', messageTs: '1799999999.000011', ephemeral: true, actionId: 'share_in_channel',
      blockId: share?.blockId ?? '', value: share?.value ?? '', responseUrl: h.fake.responseUrl('share2'),
    }));
    const [told] = await h.fake.waitFor((c) => c.method === 'response_url' && c.path === 'share2');
    expect(told?.args.response_type).toBe('ephemeral');
    expect(String(told?.args.text)).toContain('can no longer be shared');
  });

  it('answers the message shortcut about the message privately, in that thread\'s conversation', async () => {
    const res = await h.send.interaction({
      type: 'message_action', callback_id: 'ask_lodestone', trigger_id: triggerId(), token: 'x', action_ts: '1.1',
      team: { id: 'T_TEST', domain: 'test' }, user: { id: 'U_ASKER', name: 'asker' }, channel: { id: 'C_GENERAL', name: 'general' },
      message: { type: 'message', user: 'U_OTHER', ts: '1700000500.000100', text: 'We plan to ship samarium metal from China to Germany for a civil motor maker' },
      response_url: h.fake.responseUrl('sc1'),
    });
    expect(res.status).toBe(200);
    const [reply] = await h.fake.waitFor((c) => c.method === 'response_url' && c.path === 'sc1');
    expect(reply?.args.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain('About this message');
    expect(headerOf(reply)).toContain('Licence required');
    expect(buttonsOf(reply).some((b) => b.blockId.endsWith('t:C_GENERAL:1700000500.000100'))).toBe(true);
  });

  it('keeps helpful / not-helpful feedback, one vote per person per answer', async () => {
    await h.send.event(mention('Can I export samarium metal from China to Germany for a civil motor maker?'));
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage');
    const helpful = buttonsOf(post).find((b) => b.actionId === 'feedback_helpful');
    const notHelpful = buttonsOf(post).find((b) => b.actionId === 'feedback_not_helpful');
    expect(helpful?.value).toBe(notHelpful?.value);
    const before = h.slack.store.feedbackCounts();
    const click = (actionId: string, url: string) => h.send.interaction(blockAction({
      user: 'U_READER', channel: 'C_GENERAL', messageTs: '1799999999.000020', actionId, blockId: helpful?.blockId ?? '',
      value: helpful?.value ?? '', responseUrl: h.fake.responseUrl(url),
    }));
    await click('feedback_not_helpful', 'fb1');
    await click('feedback_helpful', 'fb2');
    await h.fake.waitFor((c) => c.method === 'response_url', 2);
    const after = h.slack.store.feedbackCounts();
    expect(after.helpful - before.helpful).toBe(1);
    expect(after.notHelpful - before.notHelpful).toBe(0);
  });

  it('publishes the App Home with how to ask and the user\'s recent questions', async () => {
    await h.send.event(dm('Do I need a licence to export dysprosium?', { user: 'U_HOME', channel: 'D_HOME' }));
    await h.slack.idle();
    await h.send.event({ type: 'app_home_opened', user: 'U_HOME', channel: 'D_HOME', tab: 'home', event_ts: nextTs() });
    const [publish] = await h.fake.waitFor((c) => c.method === 'views.publish');
    expect(publish?.args.user_id).toBe('U_HOME');
    const view = publish?.args.view as { type: string; blocks: { text?: { text: string } }[] };
    expect(view.type).toBe('home');
    const text = view.blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(text).toContain('/lodestone');
    expect(text).toContain('Do I need a licence to export dysprosium?');
    expect(text).toContain('More information needed');
    expect(text).not.toContain('Cases waiting for a decision');
  });
});
