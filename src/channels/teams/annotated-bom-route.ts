/**
 * GET /api/bom/:id/annotated.xlsx?sig=…: the annotated bill of materials a Teams asker was given a link to. Teams
 * cannot take a file from a bot in a personal chat without a consent card, so the card links here; the link is
 * signed for that one upload (BomUploads.linkSignature), and the upload is kept only for the retention period.
 */
import { basename, extname } from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import type { ChannelApp } from '../../app-context.js';
import { rowsXlsx } from '../../bom/write-screening.js';

const QuerySchema = z.object({ sig: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

export function annotatedBomRoute(app: ChannelApp): Router {
  const router = Router();
  router.get('/api/bom/:id/annotated.xlsx', async (req, res) => {
    const q = QuerySchema.safeParse(req.query);
    const upload = await app.bomUploads.get(req.params.id);
    const rows = upload ? await app.bomUploads.rows(upload.id) : undefined;
    if (!q.success || !upload || upload.channel !== 'teams' || !rows || !app.bomUploads.linkSigned(upload.id, q.data.sig)) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    res.set({ 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
    res.attachment(`${basename(upload.fileName, extname(upload.fileName)) || 'bom'}-screened.xlsx`);
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await rowsXlsx(rows));
  });
  return router;
}
