/** The tokenizer's clause marks, which the readers rely on to keep a phrase inside its clause. */
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/nlu/text.js';

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
});
