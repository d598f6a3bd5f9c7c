/** Which Teams conversation facts accumulate in, and where new posts go. */
import { describe, expect, it } from 'vitest';
import { conversationKey, threadStart } from '../../../src/channels/teams/conversations.js';
import type { ConversationRef, InboundActivity } from '../../../src/channels/teams/teams-port.js';

function activity(conversation: InboundActivity['conversation'], extra: Partial<InboundActivity> = {}): InboundActivity {
  return {
    id: '1700000000009', type: 'message', name: undefined, text: 'hi', value: undefined,
    from: { id: '29:u', aadObjectId: 'aad', name: 'U' }, conversation, replyToId: undefined,
    serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', attachments: [], ...extra,
  };
}

describe('conversation keys', () => {
  it('keeps each channel thread apart', () => {
    const a = conversationKey(activity({ id: '19:c@thread.tacv2;messageid=1', conversationType: 'channel' }));
    const b = conversationKey(activity({ id: '19:c@thread.tacv2;messageid=2', conversationType: 'channel' }));
    expect(a).not.toBe(b);
  });

  it('adds the reply chain id when a channel conversation id lacks the thread', () => {
    expect(conversationKey(activity({ id: '19:c@thread.tacv2', conversationType: 'channel' }, { replyToId: '1700000000001' })))
      .toBe('19:c@thread.tacv2;messageid=1700000000001');
  });

  it('uses a personal chat id as it is', () => {
    expect(conversationKey(activity({ id: 'a:chat', conversationType: 'personal' }))).toBe('a:chat');
  });

  it('hashes an id too long for a Message, the same way every time', () => {
    const long = activity({ id: `a:${'x'.repeat(600)}`, conversationType: 'personal' });
    expect(conversationKey(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(conversationKey(long)).toBe(conversationKey(long));
  });
});

describe('thread start', () => {
  it("points at the channel's top level, with no message to reply to", () => {
    const ref: ConversationRef = {
      serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', bot: { id: '28:b' }, user: { id: '29:u' }, activityId: '17',
      conversation: { id: '19:c@thread.tacv2;messageid=17', conversationType: 'channel' },
    };
    expect(threadStart(ref)).toEqual({
      serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', bot: { id: '28:b' },
      conversation: { id: '19:c@thread.tacv2', conversationType: 'channel' },
    });
  });
});
