import { describe, expect, test } from 'vitest';
import { fieldLabel, renderFields } from '../../../src/channels/web/render-fields.js';

describe('audit payloads as labelled fields', () => {
  test('keys become words and values read as text, not JSON', () => {
    const out = renderFields({ caseId: 'C-000001', rulesVersion: 'abc', verdict: 'license_required', citations: ['CN-ANN-2025-18', 'CN-DUR-2024'], reusable: true }).value;
    expect(out).toBe('<dl class="fields"><dt>Case</dt><dd>C-000001</dd><dt>Rules version</dt><dd>abc</dd><dt>Verdict</dt><dd>license_required</dd>'
      + '<dt>Citations</dt><dd>CN-ANN-2025-18, CN-DUR-2024</dd><dt>Reusable</dt><dd>yes</dd></dl>');
    expect(out).not.toContain('{');
  });

  test('nested objects become nested fields, two levels deep, then one line', () => {
    const out = renderFields({ facts: { item: { form: 'magnet', elements: { present: ['Dy'] } }, destination: 'DE' } }).value;
    expect(out).toContain('<dt>Facts</dt><dd><dl class="fields"><dt>Item</dt><dd><dl class="fields"><dt>Form</dt><dd>magnet</dd><dt>Elements</dt><dd>present: Dy</dd></dl></dd><dt>Destination</dt><dd>DE</dd></dl></dd>');
  });

  test('labels split camelCase and snake_case', () => {
    expect(fieldLabel('shipFrom')).toBe('Ship from');
    expect(fieldLabel('text_hash')).toBe('Text hash');
  });

  test('escapes what a payload holds and cuts long values', () => {
    const out = renderFields({ note: `<script>alert(1)</script>${'x'.repeat(400)}` }).value;
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('…</dd>');
    expect(renderFields({}).value).toBe('<span class="hint">none</span>');
  });
});
