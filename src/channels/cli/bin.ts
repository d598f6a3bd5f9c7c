#!/usr/bin/env node
/** `lodestone`: the command-line channel. */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2));
