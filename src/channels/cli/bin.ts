#!/usr/bin/env node
/** `lodestone`: the command-line channel. Reads `.env` like the server does, so both find the same DATA_DIR. */
import { loadDotEnv } from '../../core/dotenv.js';
import { run } from './run.js';

// `lodestone rules show | head`: once the reader has gone, there is nobody left to tell; end quietly, as Unix tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

loadDotEnv();
process.exitCode = await run(process.argv.slice(2));
