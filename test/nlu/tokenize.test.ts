/** The tokenizer's clause marks, which the readers rely on to keep a phrase inside its clause. */
import { describe, expect, it } from 'vitest';
import { tokenize, tokensOf } from '../../src/nlu/text.js';

const marks = (text: string) => tokenize(text).map((t) => [t.raw, t.clauseEnd, t.commaAfter]);

describe('tokenize', () => {
  it('sees the punctuation after a closing bracket or quote: a clause end, or a comma', () => {
    expect(marks('Coating shop (Ohio): we need yttria')).toContainEqual(['Ohio', true, false]);
    expect(marks("a 'rotor kit', so it is fine")).toContainEqual(['kit', false, true]);
    expect(marks('our plant (Japan). They')).toContainEqual(['Japan', true, false]);
  });

  it('keeps a word inside brackets open when nothing ends the clause after it', () => {
    expect(marks('magnets (N52) from Ningbo')).toContainEqual(['N52', false, false]);
  });

  it('compares words without their accents and folded letters, plain ASCII words lower-cased alone', () => {
    expect(tokenize('Querétaro Düsseldorf Wrocław Øresund NdFeB').map((t) => t.low)).toEqual(['queretaro', 'dusseldorf', 'wroclaw', 'oresund', 'ndfeb']);
  });

  it('looks six characters past a word for its punctuation, closing brackets and quotes skipped', () => {
    expect(marks('rotor kit"))))), next')).toContainEqual(['kit', false, false]);
    expect(marks('rotor kit")), next')).toContainEqual(['kit', false, true]);
  });
});

describe('tokensOf', () => {
  it('gives the tokens tokenize gives, and the same array for the same text again', () => {
    const text = 'Dy magnets from Ningbo to Wrocław, licence?';
    expect(tokensOf(text)).toEqual(tokenize(text));
    expect(tokensOf(text)).toBe(tokensOf(text));
  });
});
