/** The token login, for the chat and console when they are served beyond loopback. */
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';

export function renderLoginPage(input: { csrfToken: string; next: string; error?: string }): SafeHtml {
  return page({
    title: 'Log in',
    section: 'login',
    csrfToken: input.csrfToken,
    body: html`<h1>Log in to Lodestone</h1>
<p>This server is reachable from other machines, so it asks for the console token (CONSOLE_TOKEN).</p>
${input.error && html`<p class="error" role="alert">${input.error}</p>`}
<form method="post" action="/login" class="panel login">
  <input type="hidden" name="csrf" value="${input.csrfToken}">
  <input type="hidden" name="next" value="${input.next}">
  <label for="token">Console token</label>
  <input type="password" id="token" name="token" required autocomplete="current-password">
  <button type="submit">Log in</button>
</form>`,
  });
}
