import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, lowest first (design §1–2). A folder may import its own layer and the ones below it, never one
 * above: core ← rules ← contracts ← nlu, cases ← assistant ← channels, http, eval ← the composition root
 * (app.ts, app-postgres.ts, server.ts, main.ts, listen.ts, answering.ts and the turn worker's turn-worker*.ts). config.ts and
 * app-context.ts are leaves every upper layer may read.
 * ESLint's own no-restricted-imports does this without a plugin: every import inside src/ is relative and
 * every layer is a folder directly under src/, so a specifier's first folder after its `../` steps is the layer
 * it reaches (test/architecture/layers.test.ts proves the rule fires).
 */
const ROOT_FILES = ['app', 'app-postgres', 'app-context', 'config', 'server', 'main', 'listen', 'answering', 'turn-worker', 'turn-worker-client', 'turn-worker-protocol'];
const LAYERS = [
  { folder: 'core', may: [] },
  { folder: 'rules', may: ['core'] },
  { folder: 'contracts', may: ['core', 'rules'] },
  { folder: 'nlu', may: ['core', 'rules', 'contracts'] },
  { folder: 'cases', may: ['core', 'rules', 'contracts'] },
  { folder: 'assistant', may: ['core', 'rules', 'contracts', 'nlu', 'cases'] },
  { folder: 'eval', may: ['core', 'rules', 'contracts'] },
  { folder: 'http', may: ['core', 'config'] },
  {
    folder: 'channels',
    may: ['core', 'rules', 'contracts', 'nlu', 'cases', 'assistant', 'http', 'eval', 'config', 'app-context'],
  },
  // The CLI's bin is a process entry point like main.ts: `ask` and `chat` run on the server's composition (app.ts, or
  // app-postgres.ts for audited turns with DATABASE_URL).
  {
    folder: 'channels/cli',
    may: ['core', 'rules', 'contracts', 'nlu', 'cases', 'assistant', 'http', 'eval', 'config', 'app-context', 'app', 'app-postgres'],
  },
];
const ALL = [...LAYERS.map((l) => l.folder).filter((f) => !f.includes('/')), ...ROOT_FILES];
const layerRules = LAYERS.map(({ folder, may }) => {
  const banned = ALL.filter((name) => name !== folder && !may.includes(name));
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: `^(\\.\\./)+(${banned.join('|')})(/|\\.js$)`,
          message: `src/${folder}/ may import only ${may.length > 0 ? may.join(', ') : 'itself'}: this import points up the layers (eslint.config.js).`,
        }],
      }],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
);
