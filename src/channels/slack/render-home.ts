/**
 * The App Home tab: how to ask, the user's recent questions with their status, and for officers the queue of
 * cases waiting for a decision (with Claim / Decide). Pure: the data comes in, a home view goes out.
 */
import type { types } from '@slack/bolt';
import type { CaseView } from '../../cases/case-view.js';
import type { ReplyVerdict } from '../../rules/verdict.js';
import type { Block } from './render-blocks.js';
import { plainVerdict } from './render-blocks.js';
import { DECISION_LABEL, who } from './render-case.js';
import { ACTION, SLASH_COMMAND } from './slack-ids.js';
import { LIMITS, fitMrkdwn } from './text-limits.js';

export interface HomeQuestion {
  readonly question: string;
  readonly verdict: ReplyVerdict;
  readonly askedAt: Date;
  /** The case it went to, as it is now. */
  readonly case?: Pick<CaseView, 'id' | 'state' | 'resolution'> | undefined;
}

export interface HomeData {
  readonly questions: readonly HomeQuestion[];
  /** Present for officers only: the cases waiting for a decision, oldest first. */
  readonly queue?: readonly CaseView[];
}

const MAX_QUESTIONS = 10;
const MAX_QUEUE = 20;

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function questionStatus(q: HomeQuestion): string {
  if (!q.case) return plainVerdict(q.verdict);
  const { id, state, resolution } = q.case;
  if (state === 'resolved' && resolution) return `Case ${id}: decided, ${DECISION_LABEL[resolution.decision]}`;
  return `Case ${id}: ${state === 'claimed' ? 'an officer is on it' : 'waiting for an officer'}`;
}

export function renderHome(data: HomeData): types.HomeView {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Lodestone: China rare-earth export controls' } },
    section([
      'Ask whether a material, a magnet, a part, a product or a cooperation needs a Chinese export licence:',
      '• mention *@Lodestone* in a channel (I answer in the thread),',
      '• send me a direct message,',
      `• type \`${SLASH_COMMAND} your question\` anywhere (only you see the answer), or`,
      '• use *Ask Lodestone about this message* from a message\'s menu.',
      'Say what it is, where it is shipped from and to, and who uses it. Unclear cases go to the compliance team.',
    ].join('\n')),
    { type: 'divider' },
    section('*Your recent questions*'),
  ];
  if (data.questions.length === 0) blocks.push(section('_None yet._'));
  for (const q of data.questions.slice(0, MAX_QUESTIONS)) {
    blocks.push(section(`${fitMrkdwn(q.question, 1000)}\n_${fitMrkdwn(questionStatus(q), 500)} · ${q.askedAt.toISOString().slice(0, 10)}_`));
  }
  if (data.queue) {
    blocks.push({ type: 'divider' }, section(`*Cases waiting for a decision* (${data.queue.length})`));
    if (data.queue.length === 0) blocks.push(section('_The queue is empty._'));
    for (const c of data.queue.slice(0, MAX_QUEUE)) {
      const claimed = c.claimedBy ? ` · claimed by ${who(c.claimedBy)}` : '';
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: `*${c.id}* · ${c.state}${claimed} · since ${c.createdAt.slice(0, 10)}\n${fitMrkdwn(c.question, 1500)}` },
        accessory: { type: 'button', action_id: ACTION.decide, text: { type: 'plain_text', text: 'Decide' }, value: c.id },
      });
    }
  }
  return { type: 'home', blocks: blocks.slice(0, LIMITS.homeBlocks) };
}
