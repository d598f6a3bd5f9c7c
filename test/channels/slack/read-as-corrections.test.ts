/**
 * "I read this as" in Slack, end to end: a signed event gets an answer with the reading and its corrections as
 * buttons; a signed click on a correction continues the thread and decides again. On a fixed day, because the
 * corrected answer depends on which announcements are in force.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clockOn } from '../../support/clock.js';
import { BOT_USER_ID } from './fake-slack-api.js';
import { blockAction, blocksOf, buttonsOf, headerOf, textOf, triggerId } from './fixtures.js';
import { startHarness, type Harness } from './harness.js';

const QUESTION = 'We export loose sintered NdFeB magnets with 3% Dy from Ningbo to Germany. Licence?';
const NO_DY_TB = 'It contains no Dy or Tb';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock: clockOn('2026-03-02') });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
});

let tsSeq = 0;
function mention(text: string): Record<string, unknown> {
  tsSeq += 1;
  const ts = `1720000${String(tsSeq).padStart(3, '0')}.000100`;
  return { type: 'app_mention', user: 'U_ASKER', channel: 'C_GENERAL', ts, event_ts: ts, text: `<@${BOT_USER_ID}> ${text}` };
}

async function askInThread() {
  const ev = mention(QUESTION);
  await h.send.event(ev);
  const [first] = await h.fake.waitFor((c) => c.method === 'chat.postMessage');
  const correction = buttonsOf(first).find((b) => b.actionId.startsWith('readas_correct') && b.value === NO_DY_TB);
  return { ev, first, correction };
}

function clickOn(button: ReturnType<typeof buttonsOf>[number] | undefined, threadTs: string, messageTs: string, url: string) {
  return blockAction({
    user: 'U_ASKER', channel: 'C_GENERAL', messageTs, threadTs, actionId: button?.actionId ?? '', blockId: button?.blockId ?? '',
    value: button?.value ?? '', responseUrl: h.fake.responseUrl(url),
  });
}

describe('Slack: I read this as, with one-tap corrections', () => {
  it('shows the reading right after the headline, with the corrections as buttons in the same conversation', async () => {
    const { ev, first, correction } = await askInThread();
    expect(headerOf(first)).toContain('Licence required');
    // header, headline, then the reading and its buttons
    const [, headline, line, buttons] = blocksOf(first);
    expect(headline?.type).toBe('section');
    expect(line?.type).toBe('context');
    expect(line?.elements?.[0]?.text).toMatch(/I read this as: NdFeB magnet, .*dysprosium.*loose.*from China, to Germany/);
    expect(correction).toMatchObject({ text: NO_DY_TB, blockId: `ra|t:C_GENERAL:${String(ev.ts)}` });
    expect(buttons?.type).toBe('actions');
    expect(buttons?.block_id).toBe(correction?.blockId);
  });

  it('decides again when a correction is clicked: licence required becomes not required, in the thread', async () => {
    const { ev, correction } = await askInThread();
    const res = await h.send.interaction(clickOn(correction, String(ev.ts), '1799999999.000101', 'ra1'));
    expect(res.status).toBe(200);
    const posts = await h.fake.waitFor((c) => c.method === 'chat.postMessage', 2);
    const second = posts[1];
    expect(second?.args.thread_ts).toBe(ev.ts);
    expect(textOf(second)).toContain(`corrected the reading: “${NO_DY_TB}”`);
    expect(headerOf(second)).toContain('No licence required');
    expect(textOf(second)).toMatch(/I read this as: .*without dysprosium or terbium/);
  });

  it('answers the same correction click once, however often it arrives', async () => {
    const { ev, correction } = await askInThread();
    const click = clickOn(correction, String(ev.ts), '1799999999.000102', 'ra2');
    await h.send.interaction(click);
    await h.send.interaction({ ...click, trigger_id: triggerId() });
    await h.slack.idle();
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(2);
  });
});
