/** POST /api/messages, where the Bot Connector (or the Bot Framework Emulator) delivers activities. */
import express, { Router } from 'express';
import { z } from 'zod';
import { isLoopback } from '../../config.js';
import type { Logger } from '../../core/logger.js';
import type { TeamsPort, TurnHandler } from './teams-port.js';

const ServiceUrlSchema = z.object({ serviceUrl: z.string() });

export function createTeamsRouter(port: TeamsPort, handler: TurnHandler, logger: Logger): Router {
  const router = Router();
  router.post('/api/messages', express.json({ limit: '512kb' }), async (req, res) => {
    // Unauthenticated (local) mode would post wherever an activity's serviceUrl says; keep that on this machine.
    if (!port.authenticated && !loopbackServiceUrl(req.body)) {
      res.status(403).json({ error: 'local mode answers only a serviceUrl on this machine' });
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

function loopbackServiceUrl(body: unknown): boolean {
  const parsed = ServiceUrlSchema.safeParse(body);
  if (!parsed.success) return true; // not an activity at all; the port answers 400
  try {
    return isLoopback(new URL(parsed.data.serviceUrl).hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return true; // not a URL; the port answers 400
  }
}
