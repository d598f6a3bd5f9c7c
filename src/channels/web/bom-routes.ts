/**
 * Bills of materials in the web chat: upload (multer, in memory, size and count limited; the CSRF token and the
 * origin checked as for every post), the screened file as a page, its annotated downloads, and the escalation of
 * its lines as one case. A screened file belongs to the chat session that sent it; others get 404. Officers download
 * the file of a case from the console.
 */
import { basename, extname } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import multer from 'multer';
import { rowsCsv, rowsXlsx } from '../../bom/write-screening.js';
import type { StoredUpload } from '../bom-upload/upload-store.js';
import { renderResultPage, renderUploadPage } from './bom-page.js';
import { formCsrf, requireCsrf } from './csrf.js';
import { BODY_LIMIT, BomFilterSchema, BomIdSchema, BomUploadFieldsSchema } from './input-schemas.js';
import { sameOrigin } from './request-origin.js';
import type { WebSession } from './session.js';
import type { WebContext } from './web-context.js';
import { WebError } from './web-error.js';

const FORMATS = ['csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

function downloadName(fileName: string, format: Format): string {
  return `${basename(fileName, extname(fileName)) || 'bom'}-screened.${format}`;
}

async function sendAnnotated(res: Response, rows: string[][], fileName: string, format: Format): Promise<void> {
  res.attachment(downloadName(fileName, format));
  if (format === 'csv') res.type('text/csv; charset=utf-8').send(rowsCsv(rows));
  else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await rowsXlsx(rows));
}

function formatOf(value: string | undefined): Format {
  const f = FORMATS.find((x) => x === value);
  if (!f) throw new WebError(404, 'not_found', 'There is no such download.');
  return f;
}

export function bomRoutes(ctx: WebContext): Router {
  const router = express.Router();
  const uploads = ctx.app.bomUploads;
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 20 });
  const tokenLogin = (req: Request): boolean => ctx.auth.required && ctx.proxyUsers.userOf(req) === undefined;
  const asker = (req: Request, session: WebSession): string => ctx.proxyUsers.userOf(req) ?? session.user;
  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers send file names as UTF-8 without saying so.
    defParamCharset: 'utf8',
    limits: { fileSize: uploads.maxBytes, files: 1, fields: 5, fieldSize: 1_000, parts: 7 },
  }).single('file');

  /** The session's own upload, or 404: an id from another session (or none) shows nothing. */
  const own = async (req: Request, session: WebSession): Promise<StoredUpload> => {
    const id = BomIdSchema.safeParse(req.params.id);
    const u = id.success ? await uploads.get(id.data) : undefined;
    if (!u || u.channel !== 'web' || u.conversation !== session.conversation) throw new WebError(404, 'not_found', 'There is no such screened file in this conversation.');
    return u;
  };

  const uploadPage = (req: Request, res: Response, session: WebSession, status: number, error?: string) => {
    res.status(status).type('html').send(renderUploadPage({
      csrfToken: session.csrfToken, loggedIn: tokenLogin(req), maxMb: Math.floor(uploads.maxBytes / 1_048_576), ...(error ? { error } : {}),
    }).value);
  };

  router.get('/chat/bom', (req, res) => {
    uploadPage(req, res, ctx.sessions.ensure(req, res), 200);
  });

  router.post('/chat/bom', async (req, res) => {
    // Origin and session before the body is read; the token, which travels in the multipart body, after.
    if (!sameOrigin(req) || !ctx.sessions.read(req)) requireCsrf(ctx.sessions, req, '');
    const session = await new Promise<WebSession | { tooLarge: string }>((resolve, reject) => {
      upload(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
          // The token field comes before the file in the form, so it has been read.
          try {
            requireCsrf(ctx.sessions, req, formCsrf(req.body));
            resolve({ tooLarge: typeof err.field === 'string' ? err.field : 'file' });
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
          return;
        }
        if (err instanceof multer.MulterError) {
          reject(new WebError(400, 'bad_upload', `The upload could not be read (${err.message}). Send one CSV or XLSX file.`));
          return;
        }
        if (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        try {
          resolve(requireCsrf(ctx.sessions, req, formCsrf(req.body)));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
    const current = 'tooLarge' in session ? ctx.sessions.read(req) : session;
    if (!current) throw new WebError(403, 'csrf', 'Reload the page and try again.');
    const user = asker(req, current);
    const where = { channel: 'web' as const, user, conversation: current.conversation };
    if ('tooLarge' in session) {
      // multer stopped reading at the limit: the file is refused (and audited) without being kept.
      const refused = await uploads.precheck({ ...where, fileName: req.file?.originalname ?? 'the file' }, uploads.maxBytes + 1);
      uploadPage(req, res, current, 413, refused?.kind === 'refused' ? refused.message : 'The file is too large.');
      return;
    }
    const fields = BomUploadFieldsSchema.parse(req.body);
    const file = req.file;
    if (!file) {
      uploadPage(req, res, current, 400, 'Choose a CSV or XLSX file to screen.');
      return;
    }
    const out = await uploads.screen({
      ...where, replyTo: {}, fileName: file.originalname, bytes: file.buffer,
      ...(fields.asOf ? { asOf: fields.asOf } : {}),
    });
    if (out.kind === 'refused') {
      uploadPage(req, res, current, out.code === 'too_large' ? 413 : 422, out.message);
      return;
    }
    res.redirect(303, `/chat/bom/${out.id}`);
  });

  router.get('/chat/bom/:id', async (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    const u = await own(req, session);
    const screening = await uploads.screening(u.id);
    if (!screening) throw new WebError(404, 'not_found', 'There is no such screened file.');
    const filter = BomFilterSchema.parse(req.query);
    const notice = filter.escalated === 'opened' ? `Sent to the compliance team as case ${u.caseId ?? ''}.`
      : filter.escalated === 'existing' ? `These lines are already with the compliance team as case ${u.caseId ?? ''}.` : undefined;
    res.type('html').send(renderResultPage({
      id: u.id, fileName: u.fileName, screening, filter, csrfToken: session.csrfToken, loggedIn: tokenLogin(req), caseId: u.caseId, notice,
    }).value);
  });

  router.get('/chat/bom/:id/annotated.:format', async (req, res) => {
    const session = ctx.sessions.ensure(req, res);
    const u = await own(req, session);
    const format = formatOf(req.params.format);
    const rows = await uploads.rows(u.id);
    if (!rows) throw new WebError(404, 'not_found', 'There is no such screened file.');
    await sendAnnotated(res, rows, u.fileName, format);
  });

  router.post('/chat/bom/:id/escalate', form, async (req, res) => {
    const session = requireCsrf(ctx.sessions, req, formCsrf(req.body));
    const u = await own(req, session);
    const out = await uploads.escalate(u.id, { channel: 'web', user: asker(req, session) });
    if (out.kind === 'refused') throw new WebError(out.reason === 'not_found' ? 404 : 409, out.reason, out.message);
    res.redirect(303, `/chat/bom/${u.id}?escalated=${out.kind}`);
  });

  return router;
}

/** For officers, behind the console's token: the annotated file of a screened BOM, by its id (named in the case). */
export function consoleBomRoutes(ctx: WebContext): Router {
  const router = express.Router();
  router.get('/bom/:id/annotated.:format', async (req, res) => {
    const id = BomIdSchema.safeParse(req.params.id);
    const u = id.success ? await ctx.app.bomUploads.get(id.data) : undefined;
    const rows = u ? await ctx.app.bomUploads.rows(u.id) : undefined;
    if (!u || !rows) throw new WebError(404, 'not_found', 'There is no such screened file (it may be past the retention period).');
    await sendAnnotated(res, rows, u.fileName, formatOf(req.params.format));
  });
  return router;
}
