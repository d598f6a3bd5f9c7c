/**
 * "I read this as" in Teams, end to end through the real CloudAdapter and the fake Bot Connector: the reply card
 * shows the reading with its corrections as Action.Submit buttons, and submitting one decides again in the same
 * conversation. On a fixed day, because the corrected answer depends on which announcements are in force.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clockOn } from '../../support/clock.js';
import { FakeConnector } from './fake-connector.js';
import { ASKER, PERSONAL, cardActions, cardOf, cardSubmit, cardText, personalMessage, startLodestone, type Lodestone } from './harness.js';

const QUESTION = 'We export loose sintered NdFeB magnets with 3% Dy from Ningbo to Germany. Licence?';
const NO_DY_TB = 'It contains no Dy or Tb';

let fake: FakeConnector;
let lode: Lodestone;

beforeEach(async () => {
  fake = await FakeConnector.start();
  lode = await startLodestone({ emulator: fake, clock: clockOn('2026-03-02') });
});

afterEach(async () => {
  await lode.close();
  await fake.close();
});

describe('Teams: I read this as, with one-tap corrections', () => {
  it('shows the reading after the headline, as literal text, with each correction as an Action.Submit beside it', async () => {
    await lode.post(personalMessage(fake, QUESTION));

    const card = cardOf(fake.activities[0]!);
    expect(cardText(card)).toMatch(/LICENCE REQUIRED/);
    const body = card.body as Record<string, unknown>[];
    // the verdict band (badge and headline), then the reading, then its buttons
    const line = body[1];
    expect(line).toMatchObject({ type: 'RichTextBlock', inlines: [{ type: 'TextRun' }] });
    expect(cardText(line)).toMatch(/^I read this as: NdFeB magnet, .*dysprosium.*loose.*from China, to Germany\.$/);
    expect(body[2]).toMatchObject({ type: 'ActionSet' });
    expect(cardActions(body[2])).toContainEqual({ type: 'Action.Submit', title: NO_DY_TB, data: { action: 'followup', text: NO_DY_TB } });
  });

  it('decides again when a correction is submitted: licence required becomes not required, in the same chat', async () => {
    await lode.post(personalMessage(fake, QUESTION));
    const correction = cardActions(cardOf(fake.activities[0]!)).find((a) => a.title === NO_DY_TB);
    expect(correction).toBeDefined();

    const res = await lode.post(cardSubmit(fake, correction?.data as Record<string, unknown>, ASKER, 'personal'));

    expect(res.status).toBe(200);
    expect(fake.activities).toHaveLength(2);
    const second = fake.activities[1]!;
    expect(second.conversationId).toBe(PERSONAL);
    const text = cardText(cardOf(second));
    expect(text).toMatch(/NO LICENCE REQUIRED/);
    expect(text).toMatch(/I read this as: .*without dysprosium or terbium/);
  });
});
