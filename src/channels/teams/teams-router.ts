/** POST /api/messages, where the Bot Connector (or the Bot Framework Emulator) delivers activities. */
import express, { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../core/logger.js';
import type { TeamsPort, TurnHandler } from './teams-port.js';

const ServiceUrlSchema = z.object({ serviceUrl: z.string() });

/**
 * `emulatorUrl`: in unauthenticated (local) mode, the one origin whose activities are answered. The bot posts its
 * answers to an activity's serviceUrl, so any other (another port or path on this machine, another host) would let
 * whoever can reach this endpoint make it send requests there. Unset, local mode answers nothing.
 */
export function createTeamsRouter(port: TeamsPort, handler: TurnHandler, logger: Logger, emulatorUrl?: string): Router {
  const router = Router();
  const emulatorOrigin = emulatorUrl === undefined ? undefined : new URL(emulatorUrl).origin;
  router.post('/api/messages', express.json({ limit: '512kb' }), async (req, res) => {
    if (!port.authenticated && !fromOrigin(req.body, emulatorOrigin)) {
      res.status(403).json({
        error: 'local mode answers only the Bot Framework Emulator at TEAMS_EMULATOR_URL',
        ...(emulatorOrigin ? { emulator: emulatorOrigin } : { hint: 'TEAMS_EMULATOR_URL is not set' }),
      });
      return;
    }
    try {
      const result = await port.receive(req.get('authorization') ?? '', req.body, handler);
      if (result.body === undefined) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    } catch (err) {
      // Teams retries a failed delivery; the dedupe store keeps it from being answered twice.
      logger.error({ err }, 'teams: turn failed');
      if (!res.headersSent) res.status(500).json({ error: 'internal_error' });
    }
  });
  return router;
}

function fromOrigin(body: unknown, origin: string | undefined): boolean {
  const parsed = ServiceUrlSchema.safeParse(body);
  if (!parsed.success) return true; // not an activity at all; the port answers 400
  if (origin === undefined) return false;
  try {
    return new URL(parsed.data.serviceUrl).origin === origin;
  } catch {
    return false;
  }
}
