/**
 * Run as its own process, so its peak memory is its own: `lodestone screen FILE --json` through the real CLI, with
 * the output counted rather than kept. Prints wall time (whole command, and without loading rules and training)
 * and peak RSS as JSON.
 */
import { performance } from 'node:perf_hooks';
import { run } from '../src/channels/cli/run.js';

const file = process.argv[2];
if (!file) throw new Error('usage: bom-screen-child FILE');
let bytes = 0;
let firstProgressAt: number | undefined;
const start = performance.now();
const code = await run(['screen', file, '--as-of', '2026-11-30', '--made-in', 'DE', '--json'], {
  out: (l) => { bytes += l.length; },
  err: () => { firstProgressAt ??= performance.now(); },
  stdin: () => '',
});
const end = performance.now();
process.stdout.write(`${JSON.stringify({
  code, totalMs: end - start, afterLoadMs: end - (firstProgressAt ?? start), outputMb: bytes / 2 ** 20,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
})}\n`);
