/**
 * Registers listeners on the Bolt app and remembers every id it registered, so the manifest test can check the
 * live registrations against manifest/slack/manifest.yml (both ways) instead of trusting a hand-kept list.
 */
import type {
  App as BoltApp, BlockAction, MessageShortcut, Middleware, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs, SlackShortcutMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction,
} from '@slack/bolt';

export interface Registered {
  /** Event subscriptions as the manifest names them (`message.im`, not `message`). */
  readonly events: string[];
  readonly commands: string[];
  readonly messageShortcuts: string[];
  readonly actions: string[];
  readonly views: string[];
}

export class Registrar {
  readonly registered: Registered = { events: [], commands: [], messageShortcuts: [], actions: [], views: [] };

  constructor(private readonly bolt: BoltApp) {}

  /** `subscription` is the manifest's name when it differs from the event type (message.im for message). */
  event<T extends string>(type: T, listener: Middleware<SlackEventMiddlewareArgs<T>>, subscription: string = type): void {
    this.registered.events.push(subscription);
    this.bolt.event(type, listener);
  }

  command(name: string, listener: Middleware<SlackCommandMiddlewareArgs>): void {
    this.registered.commands.push(name);
    this.bolt.command(name, listener);
  }

  messageShortcut(callbackId: string, listener: Middleware<SlackShortcutMiddlewareArgs<MessageShortcut>>): void {
    this.registered.messageShortcuts.push(callbackId);
    this.bolt.shortcut<MessageShortcut>({ callback_id: callbackId, type: 'message_action' }, listener);
  }

  /** A block action by id; `matcher` also takes the id's numbered variants (`followup_choice:0:1`). */
  action(actionId: string, listener: Middleware<SlackActionMiddlewareArgs<BlockAction>>, matcher?: RegExp): void {
    this.registered.actions.push(actionId);
    this.bolt.action<BlockAction>({ type: 'block_actions', action_id: matcher ?? actionId }, listener);
  }

  viewSubmission(callbackId: string, listener: Middleware<SlackViewMiddlewareArgs<ViewSubmitAction>>): void {
    this.registered.views.push(callbackId);
    this.bolt.view<ViewSubmitAction>({ callback_id: callbackId, type: 'view_submission' }, listener);
  }
}
