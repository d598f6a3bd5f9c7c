import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../../src/channels/slack/slack-channel.js';
import {
  SLACK_ACTIONS, SLACK_BOT_SCOPES, SLACK_COMMANDS, SLACK_EVENTS, SLACK_MESSAGE_SHORTCUTS, SLACK_VIEWS,
} from '../../../src/channels/slack/slack-ids.js';
import { startHarness, type Harness } from './harness.js';

const ManifestSchema = z.object({
  _metadata: z.object({ major_version: z.literal(2) }),
  display_information: z.object({ name: z.string().min(1).max(35), description: z.string().min(1).max(140), long_description: z.string().min(175).max(4000) }),
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean(), messages_tab_read_only_enabled: z.boolean() }),
    bot_user: z.object({ display_name: z.string().min(1).max(80), always_online: z.boolean() }),
    slash_commands: z.array(z.object({ command: z.string(), url: z.string().url(), description: z.string().min(1).max(100), usage_hint: z.string().max(1000).optional(), should_escape: z.boolean() })),
    shortcuts: z.array(z.object({ name: z.string().min(1).max(80), type: z.enum(['message', 'global']), callback_id: z.string().min(1).max(255), description: z.string().min(1).max(150) })),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string().url(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string().url() }),
    socket_mode_enabled: z.boolean(),
    org_deploy_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

const manifest = ManifestSchema.parse(parse(readFileSync(fileURLToPath(new URL('../../../manifest/slack/manifest.yml', import.meta.url)), 'utf8')));
const sorted = (xs: readonly string[]) => [...new Set(xs)].sort();

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('Slack manifest', () => {
  it('subscribes to exactly the events the app registers', () => {
    expect(sorted(manifest.settings.event_subscriptions.bot_events)).toEqual(sorted(h.slack.registered.events));
    expect(sorted(h.slack.registered.events)).toEqual(sorted(SLACK_EVENTS));
  });

  it('declares exactly the slash commands the app registers', () => {
    expect(sorted(manifest.features.slash_commands.map((c) => c.command))).toEqual(sorted(h.slack.registered.commands));
    expect(sorted(h.slack.registered.commands)).toEqual(sorted(SLACK_COMMANDS));
  });

  it('declares exactly the message shortcuts the app registers, and no global ones', () => {
    expect(sorted(manifest.features.shortcuts.filter((s) => s.type === 'message').map((s) => s.callback_id))).toEqual(sorted(h.slack.registered.messageShortcuts));
    expect(manifest.features.shortcuts.filter((s) => s.type === 'global')).toEqual([]);
    expect(sorted(h.slack.registered.messageShortcuts)).toEqual(sorted(SLACK_MESSAGE_SHORTCUTS));
  });

  it('turns interactivity on for the actions and views the app registers, and lists those ids', () => {
    expect(sorted(h.slack.registered.actions)).toEqual(sorted(SLACK_ACTIONS));
    expect(sorted(h.slack.registered.views)).toEqual(sorted(SLACK_VIEWS));
    expect(manifest.settings.interactivity.is_enabled).toBe(h.slack.registered.actions.length + h.slack.registered.views.length + h.slack.registered.messageShortcuts.length > 0);
  });

  it('enables the App Home tab because app_home_opened is handled, and DMs because message.im is', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(h.slack.registered.events.includes('app_home_opened'));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(h.slack.registered.events.includes('message.im'));
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it('asks for exactly the bot scopes the code needs', () => {
    expect(sorted(manifest.oauth_config.scopes.bot)).toEqual(sorted(SLACK_BOT_SCOPES));
  });

  it('sends events, commands and interactions to the route the app serves', () => {
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, ...manifest.features.slash_commands.map((c) => c.url)];
    for (const u of urls) expect(new URL(u).pathname).toBe(SLACK_EVENTS_PATH);
    expect(typeof manifest.settings.socket_mode_enabled).toBe('boolean');
  });
});
