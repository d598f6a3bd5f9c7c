/**
 * The privacy and terms pages the Teams app manifest links to (`developer.privacyUrl`, `termsOfUseUrl`; Teams
 * shows them before an install). They say what this deployment stores and for how long, so they are built from
 * its configuration. Public (no token): Teams and employees open them before they can sign in to anything.
 */
import { Router, type Request, type Response } from 'express';
import type { Config } from '../config.js';

export const PRIVACY_PATH = '/privacy';
export const TERMS_PATH = '/terms';

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.5rem}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${title} · Lodestone</title><style>${STYLE}</style></head><body><h1>${title}</h1>${body}</body></html>`;
}

export function privacyPage(config: Pick<Config, 'RETENTION_DAYS'>): string {
  return page('Lodestone: privacy', [
    '<p>Lodestone is an export-compliance assistant that your organisation runs on its own server. This page says what it keeps.</p>',
    '<h2>What is kept</h2><ul>',
    '<li>Each question asked, the answer given, who asked (the Slack, Teams or web user id) and the conversation it was asked in.</li>',
    '<li>Cases passed to the compliance team: the question, the facts read from it, the officers who claimed and decided it, their decision and note.</li>',
    '<li>An audit log of all of the above, in which each record is chained to the one before, so changes can be detected.</li></ul>',
    '<h2>Where, and for how long</h2>',
    '<p>In a database on the server that runs Lodestone, operated by your organisation. Lodestone sends nothing to its authors or to any analytics service. ',
    `The text of questions is removed after ${config.RETENTION_DAYS} days; the audit records stay, without the text, so the log still verifies.</p>`,
    '<h2>Who sees it</h2>',
    '<p>The person who asked sees their own conversation. Compliance officers see the cases passed to them and the audit log. ',
    'Messages in Slack or Microsoft Teams also pass through those services, under your organisation\'s agreements with them.</p>',
    '<h2>Questions</h2><p>Ask your compliance team, who run this service.</p>',
  ].join(''));
}

export function termsPage(): string {
  return page('Lodestone: terms of use', [
    '<p>Lodestone answers questions about China\'s export controls on rare earths and related items, for work.</p><ul>',
    '<li><strong>Not legal advice.</strong> Each answer comes from rules held as data, and says which rules version and which date it is based on. When a case is unclear, Lodestone passes it to your compliance team; their decision is the one that counts.</li>',
    '<li>Give the facts the question needs (what, where from, where to, who uses it), and no more personal data than that.</li>',
    '<li>Questions, answers and decisions are kept in an audit log (see the privacy page).</li>',
    '<li>Your organisation\'s own policies on export compliance apply; Lodestone does not replace them.</li></ul>',
  ].join(''));
}

export function legalPagesRouter(config: Pick<Config, 'RETENTION_DAYS'>): Router {
  const router = Router();
  const send = (html: string) => (_req: Request, res: Response) => {
    res.set({
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.type('html').send(html);
  };
  router.get(PRIVACY_PATH, send(privacyPage(config)));
  router.get(TERMS_PATH, send(termsPage()));
  return router;
}
