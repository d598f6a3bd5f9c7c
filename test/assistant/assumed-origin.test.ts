/**
 * When only the route is missing, the stricter reading (goods leaving China) is answered and said, never a
 * "no licence": a question whose China reading would clear it is asked instead.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant } from '../support/understanding.js';

describe('an unsaid route', () => {
  it('is read as leaving China when that reading needs a licence, and the reply says so', () => {
    const reply = newAssistant().handle(msg('We export loose N42SH magnets to Italy, licence?', 'ao1'));
    expect(reply.verdict).toBe('license_required');
    expect(reply.reasons[0]).toMatch(/Where the goods leave from was not said/);
    expect(reply.readAs?.text).toMatch(/from China \(assumed: not said\)/);
    expect(reply.readAs?.corrections.map((c) => c.label)).toContain('It ships from outside China');
  });

  it('is asked, not assumed, when the China reading would clear the goods', () => {
    // While No. 61 §1(3) was in force, the same motors leaving from abroad needed a licence; from China they did not.
    // (With No. 61 suspended every route clears them, so nothing is asked: no end-user commitment came with a finished
    // product.)
    const reply = newAssistant('2025-10-20T09:00:00Z').handle(msg('We export motors with Dy magnets built in to Italy. Licence?', 'ao2'));
    expect(reply.verdict).toBe('need_info');
    expect(reply.readAs?.text ?? '').not.toMatch(/assumed/);
  });

  // Thirty-eighth session, own phrasings: goods said to be Chinese, with no route said, are read as leaving China too,
  // unless the asker keeps them in stock.
  it('is read as leaving China for goods said to be Chinese-origin, with no route said', () => {
    const reply = newAssistant('2026-03-10T09:00:00Z').handle(msg('We got a quote for Chinese-origin gadolinium oxide, shipping in April. Licence?', 'ao6'));
    expect(reply.verdict).toBe('license_required');
    expect(reply.readAs?.text).toMatch(/from China \(assumed: not said\)/);
  });

  it('is not assumed for Chinese-origin goods the asker keeps in a warehouse', () => {
    const reply = newAssistant('2026-03-10T09:00:00Z').handle(msg('Our Rotterdam warehouse has Chinese-origin gadolinium oxide; a buyer in Spain wants 30 kg. Licence?', 'ao7'));
    expect(reply.readAs?.text ?? '').not.toMatch(/assumed/);
  });

  it('gives way to the route once it is said', () => {
    const a = newAssistant();
    a.handle(msg('We export loose N42SH magnets to Italy, licence?', 'ao3'));
    const reply = a.handle(msg('It ships from outside China', 'ao3'));
    expect(reply.verdict).not.toBe('license_required');
    expect(reply.readAs?.text ?? '').not.toMatch(/assumed/);
  });
});

describe('goods sold from stock or through a distributor', () => {
  it('asks where they ship from instead of assuming China', () => {
    const reply = newAssistant().handle(msg('We have Dy NdFeB magnets in stock; a customer in Chile wants 300 pcs. Licence?', 'ao4'));
    expect(reply.verdict).toBe('need_info');
    expect(reply.readAs?.text ?? '').not.toMatch(/assumed/);
  });
});
