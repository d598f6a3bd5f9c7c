/**
 * The import graph has no upward arrows: eslint.config.js bans them per layer, and `npm run lint` runs it over src/.
 * These tests prove the rule fires on an upward import from each layer and stays quiet on a downward one.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`export type { Probe } from '${specifier}';\n`, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rule', () => {
  it.each([
    ['src/core/probe.ts', '../rules/schema.js'],
    ['src/rules/probe.ts', '../contracts/message.js'],
    ['src/contracts/probe.ts', '../nlu/understand.js'],
    ['src/contracts/probe.ts', '../assistant/assistant.js'],
    ['src/nlu/probe.ts', '../assistant/assistant.js'],
    ['src/nlu/probe.ts', '../cases/case-service.js'],
    ['src/cases/probe.ts', '../assistant/conversation-store.js'],
    ['src/cases/probe.ts', '../nlu/understand.js'],
    ['src/assistant/probe.ts', '../channels/web/web-channel.js'],
    ['src/assistant/probe.ts', '../app.js'],
    ['src/channels/web/probe.ts', '../../app.js'],
    ['src/channels/teams/routes/probe.ts', '../../../server.js'],
  ])('refuses %s importing %s', async (file, specifier) => {
    const errors = await layerErrors(file, specifier);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('points up the layers');
  });

  it.each([
    ['src/contracts/probe.ts', '../rules/decision.js'],
    ['src/nlu/probe.ts', '../contracts/frame.js'],
    ['src/cases/probe.ts', '../contracts/message.js'],
    ['src/assistant/probe.ts', '../cases/case-service.js'],
    ['src/channels/web/probe.ts', '../../app-context.js'],
    ['src/nlu/probe.ts', './text.js'],
    // The CLI's bin is a process entry point, like main.ts: it runs on the server's composition.
    ['src/channels/cli/probe.ts', '../../app.js'],
  ])('allows %s importing %s', async (file, specifier) => {
    expect(await layerErrors(file, specifier)).toEqual([]);
  });
});
