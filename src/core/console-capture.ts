/**
 * Some libraries write to the console themselves: botbuilder's token check prints a stack trace, or the signing key
 * it tried (as PEM), whenever a token fails. Inside `consoleToLog`, whatever the console is given, across awaits,
 * goes to the logger at debug instead, with keys, tokens and stack frames removed. AsyncLocalStorage scopes this to
 * that one call chain: other requests, and the console outside it, are untouched.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';
import type { Logger } from './logger.js';

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const scope = new AsyncLocalStorage<Logger>();
let installed = false;

/** Wraps the console once; each wrapped method still writes as before outside a `consoleToLog` call. */
function install(): void {
  if (installed) return;
  installed = true;
  for (const method of METHODS) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      const logger = scope.getStore();
      if (logger) logger.debug(scrub(args.map(show).join(' ')));
      else original.apply(console, args);
    };
  }
}

export function consoleToLog<T>(logger: Logger, fn: () => Promise<T>): Promise<T> {
  install();
  return scope.run(logger, fn);
}

/** An error is its name and message, never its stack; anything else as the console would show it, shallowly. */
function show(arg: unknown): string {
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  return typeof arg === 'string' ? arg : inspect(arg, { depth: 2, breakLength: Infinity });
}

const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
const JWT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;
/** A modulus, a signature or a secret in base64: no word or sentence is this long without a break. */
const LONG_BASE64 = /[A-Za-z0-9+/_-]{64,}={0,2}/g;
const STACK_FRAME = /^\s+at .*$\n?/gm;

export function scrub(text: string): string {
  return text
    .replace(PEM, '[key removed]')
    .replace(JWT, '[token removed]')
    .replace(LONG_BASE64, '[long value removed]')
    .replace(STACK_FRAME, '')
    .trim();
}
