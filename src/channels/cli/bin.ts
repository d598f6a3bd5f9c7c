#!/usr/bin/env node
/** `lodestone`: the command-line channel. Reads `.env` like the server does, so both find the same DATA_DIR. */
import { loadDotEnv } from '../../core/dotenv.js';
import { run } from './run.js';

loadDotEnv();
process.exitCode = await run(process.argv.slice(2));
