/** Questions about the rules themselves, or about what the assistant can do, that name goods or controls in passing. */
import { describe, expect, it } from 'vitest';
import { understanding } from '../support/understanding.js';

const read = (text: string) => understanding.understander.understand(text);

describe('a question that names announcements and nothing to decide on', () => {
  it('asks about the rules', () => {
    expect(read('For our slides: No. 61 de minimis threshold for foreign companies, what percent and from when?').intent).toBe('regulation_info');
  });

  it('still decides when goods are named beside the announcement', () => {
    expect(read('Under No. 61, do our Thai-made NdFeB magnets with Chinese Dy need a licence to go to Chile?').intent).not.toBe('regulation_info');
  });
});

describe('a question about what the assistant can do', () => {
  it('is a request for help, whatever goods it names as examples', () => {
    expect(read('Hi! What can you help with, can I ask you about motors and magnets too?').intent).toBe('help');
  });

  it('is a goods question when it names the goods\' make-up', () => {
    expect(read('Can I ask you about NdFeB magnets with terbium going from Baotou to Poland?').intent).toBe('part_license');
  });
});
