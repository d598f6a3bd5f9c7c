/**
 * consoleToLog: what a library prints while it runs goes to the logger at debug, with keys, tokens and stack
 * frames removed; what runs beside it, outside, is not captured.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { consoleToLog, scrub } from '../../src/core/console-capture.js';

function captured(): { logger: pino.Logger; lines: { level: number; msg: string }[] } {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l) lines.push(JSON.parse(l) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

describe('scrub', () => {
  it('removes PEM keys, JWTs, long base64 values and stack frames, and keeps the words', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'pkcs1' }).toString();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl';
    const text = `Available keys: ${pem.trim()}\nbearer ${jwt}\nmodulus ${'A'.repeat(80)}\nTokenExpiredError: jwt expired\n    at verify (/x/verify.js:190:21)\n    at next (<anonymous>)`;
    expect(scrub(text)).toBe('Available keys: [key removed]\nbearer [token removed]\nmodulus [long value removed]\nTokenExpiredError: jwt expired');
  });
});

describe('consoleToLog', () => {
  it('sends console output made inside it, across awaits, to the logger at debug, errors without their stack', async () => {
    const { logger, lines } = captured();
    await consoleToLog(logger, async () => {
      console.error('first');
      await new Promise((resolve) => setImmediate(resolve));
      console.warn(new TypeError('second'));
    });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([[20, 'first'], [20, 'TypeError: second']]);
  });

  it('does not capture what runs beside it, while it waits', async () => {
    const { logger, lines } = captured();
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    const inside = consoleToLog(logger, async () => {
      await gate;
      console.info('inside, after the wait');
    });
    console.info('beside it, outside the call');
    open();
    await inside;
    expect(lines.map((l) => l.msg)).toEqual(['inside, after the wait']);
  });
});
