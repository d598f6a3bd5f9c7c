/** The page shell shared by the chat and the console: language, skip link, header navigation, one stylesheet. */
import { html, type HtmlValue, type SafeHtml } from './html.js';

export type Section = 'chat' | 'sources' | 'cases' | 'dashboard' | 'audit' | 'rules' | 'login';

export interface PageOptions {
  readonly title: string;
  readonly section: Section;
  readonly body: HtmlValue;
  /** Scripts from /assets, loaded deferred; the CSP forbids inline ones. */
  readonly scripts?: readonly string[];
  /** For pages whose forms or scripts post: the session's CSRF token, also given to scripts in a meta tag. */
  readonly csrfToken?: string;
  /** Shows "Log out" when the token login is in use. */
  readonly loggedIn?: boolean;
  /** `chat`: the page fills the window and the composer stays pinned at the bottom. */
  readonly layout?: 'chat';
}

const NAV: readonly { section: Section; href: string; label: string }[] = [
  { section: 'chat', href: '/', label: 'Chat' },
  { section: 'sources', href: '/sources', label: 'Sources' },
  { section: 'cases', href: '/console', label: 'Cases' },
  { section: 'dashboard', href: '/console/dashboard', label: 'Dashboard' },
  { section: 'audit', href: '/console/audit', label: 'Audit log' },
  { section: 'rules', href: '/console/rules', label: 'Rules' },
];

export function page(o: PageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · Lodestone</title>
${o.csrfToken && html`<meta name="csrf-token" content="${o.csrfToken}">`}
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/lodestone.css">
${(o.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
</head>
<body${o.layout ? html` class="layout-${o.layout}"` : ''}>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <p class="brand"><a href="/">Lodestone</a> <span class="tagline">rare-earth export compliance</span></p>
  ${o.section === 'login' ? '' : html`<nav aria-label="Main">
    <ul>${NAV.map((n) => html`<li><a href="${n.href}"${n.section === o.section ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}</ul>
  </nav>`}
  ${o.loggedIn && o.csrfToken && html`<form method="post" action="/logout" class="logout">
    <input type="hidden" name="csrf" value="${o.csrfToken}"><button type="submit" class="link-button">Log out</button>
  </form>`}
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
</body>
</html>`;
}

export function errorPage(title: string, message: string, section: Section = 'chat'): SafeHtml {
  return page({ title, section, body: html`<h1>${title}</h1><p>${message}</p><p><a href="/">Back to the chat</a></p>` });
}
