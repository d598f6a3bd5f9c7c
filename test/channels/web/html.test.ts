import { describe, expect, test } from 'vitest';
import { escapeHtml, html, safeHttpUrl } from '../../../src/channels/web/html.js';
import { localPath } from '../../../src/channels/web/input-schemas.js';

describe('html templates', () => {
  test('escape every interpolated string, in text and in quoted attributes', () => {
    const evil = `"><script>alert('x')</script>&\``;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#96;</p>',
    );
    expect(escapeHtml('a & b')).toBe('a &amp; b');
  });

  test('keep nested templates as markup, join lists, and render nothing for false, null and undefined', () => {
    const items = ['<a>', 'b'];
    expect(html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>${false}${null}${undefined}${0}`.value)
      .toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>0');
  });
});

describe('link targets', () => {
  test('only absolute http(s) URLs may become links', () => {
    expect(safeHttpUrl('https://www.mofcom.gov.cn/a.html')).toBe('https://www.mofcom.gov.cn/a.html');
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl(' JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,<script>')).toBeUndefined();
    expect(safeHttpUrl('/relative')).toBeUndefined();
    expect(safeHttpUrl(undefined)).toBeUndefined();
  });

  test('the login redirect goes only to paths on this site', () => {
    expect(localPath('/console/rules?asOf=2025-10-20')).toBe('/console/rules?asOf=2025-10-20');
    expect(localPath('//evil.example')).toBe('/');
    expect(localPath('/\\evil.example')).toBe('/');
    expect(localPath('https://evil.example')).toBe('/');
    expect(localPath('/a b')).toBe('/');
    expect(localPath(undefined)).toBe('/');
  });
});
