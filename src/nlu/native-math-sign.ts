/**
 * Math.sign as the runtime defines it, taken before natural's classifiers load: their matrix library (sylvester)
 * replaces Math.sign for the whole process with one that calls 0 positive. See natural-classifiers.ts.
 */
export const NATIVE_MATH_SIGN: (x: number) => number = Math.sign;
