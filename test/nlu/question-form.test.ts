/** Yes/no questions about a case want a verdict; questions about procedure do not. */
import { describe, expect, it } from 'vitest';
import { asksAboutThePast, asksForDecision, asksWhetherLicenceNeeded } from '../../src/nlu/question-form.js';
import { msg, newAssistant } from '../support/understanding.js';

describe('asksForDecision', () => {
  it.each([
    'Our supplier wants to declare the Gd oxide as "ceramic powder". Is that ok?',
    'They say the new grade is not controlled. Can we rely on that?',
    'As of today, can they ship without a licence?',
    'Is a licence still needed for the next lot under No. 57?',
    // Nineteenth session, own phrasings: a check of a statement about needing a licence, and whether one can be had.
    'Our vendor says parts under their umbrella licence need no licence of our own. Is that how it works?',
    'The buyer is in Brazil. Is a licence even possible for Brazil? What does MOFCOM say?',
    'Same order as in May, only checking we are still OK now that the suspension has ended?',
    // Twenty-sixth session, own phrasings: whether a rule applies, asked yes or no, is a decision.
    'The lot leaves Tianjin next week. Does announcement 57 apply now?',
    'Does the gallium rule apply to our wafers?',
    // Thirty-second session, own phrasings: a bare licence check after a comma, whether the last answer still holds, and
    // a negated copula before the verdict word.
    'They told me the pause ended last week, so no licence now?',
    'Same answer for the Tb grade as last month?',
    'We signed in February - surely an order placed before April isn\'t caught?',
    // … but not when it asks about the licence itself.
    'How long does approval take? Our supplier says the rotors need no licence, is that right?',
    // A verdict word after a linking word, and a question reported without its mark.
    'The Tb targets now leave Ningbo in March. Still allowed without a licence?',
    'Our buyer in Lyon asks whether the Chinese plant needs a licence for the SmCo rings.',
    'Purchasing wants to know if the Dy oxide from Baotou is controlled.',
    // Whether a rule applies, asked as a statement with a question mark.
    'Our PO for Tb metal was signed in February. Surely the April controls don\'t apply to it?',
    // Forty-sixth session, own phrasings: how goods stand under a rule, asked with the subject and verb left out.
    'Bonded ferrite rings for our fan motors, made in Guangdong. Affected by the rare-earth rules?',
    'The Gd oxide lot from Baotou ships in May. Still covered?',
  ])('is true for "%s"', (text) => expect(asksForDecision(text)).toBe(true));

  it.each([
    'What documents does the plant need for the application?',
    'Customs stopped the container. What do we do now?',
    'Can our subsidiary apply for a general licence too?',
    'How long does MOFCOM take?',
    'Tell me about No. 57.',
    'We filed last week. Is that how it works with MOFCOM, a month of waiting?',
    'Do we apply for it online or on paper?',
    'Can the distributor apply in its own name?',
    // Thirty-eighth session, own phrasings: a yes/no question about "that" after a question of procedure asks about the
    // procedure's detail.
    'How long will the approval for our Tb targets take? Our agent mentioned six weeks, is that working days?',
    'Which certificate do we sign for the Dy magnet order? Is this the one from our Shanghai supplier?',
    'Could the vendor hold a general licence so we don\'t apply for every Tb shipment?',
    // Forty-sixth session, own phrasing: "need" first with its subject dropped, and no licence after it, states a need.
    'How many working days does MOFCOM need to decide on Tb target licences? Need it for the budget',
  ])('is false for "%s"', (text) => expect(asksForDecision(text)).toBe(false));
});

describe('a yes/no question about named goods that cites an announcement', () => {
  it('gets a verdict, not an information answer', () => {
    const reply = newAssistant().handle({ ...msg('We buy Tm2O3 from a refiner in Jiangxi for our laser lab in Jena. With the No. 70 suspension over, is a Chinese licence needed for the next lot?', 'qf1'), asOf: '2026-11-20' });
    expect(reply.verdict).toBe('escalate');
    expect(reply.citations.map((c) => c.source)).toContain('CN-ANN-2025-57');
  });

  it('a procedure question about the same goods stays an information answer', () => {
    const reply = newAssistant().handle({ ...msg('Customs in Xiamen stopped our container of Dy-free NdFeB magnets. What do we do now?', 'qf2'), asOf: '2026-11-20' });
    expect(reply.verdict).toBe('none');
  });
});

describe('a yes/no question about a past shipment', () => {
  it('is a question about the past, and asks for a decision ("at that time" is no procedure)', () => {
    const text = 'We sent Tb magnets from Ganzhou to Mexico on 2 March 2025. Did that need a licence at the time?';
    expect(asksAboutThePast(text)).toBe(true);
    expect(asksForDecision(text)).toBe(true);
    expect(asksAboutThePast('Do we need a licence for Tb magnets from Ganzhou to Mexico?')).toBe(false);
  });

  it('is decided under the rules of the day the message names, and says so', () => {
    const reply = newAssistant().handle({ ...msg('Audit check: Tb magnets left our Ganzhou plant for Mexico, invoice dated 2 March 2025. Was a Chinese licence needed at that time?', 'qf-past'), asOf: '2026-11-28' });
    expect(reply.verdict).toBe('not_required');
    expect(reply.asOf).toBe('2025-03-02');
    expect(reply.citations.map((c) => c.source)).toContain('CN-ANN-2025-18');
  });

  it('decides a new shipment on the day asked, whatever earlier date the message names', () => {
    const reply = newAssistant().handle({ ...msg('We sent Tb magnets from Ganzhou to Mexico on 2 March 2025. Do we need a licence for the next lot?', 'qf-next'), asOf: '2026-11-28' });
    expect(reply.verdict).toBe('license_required');
  });
});

describe('decision questions asked indirectly or beside paperwork', () => {
  it('counts "kindly advise whether … requires any permission" and "can we rely on that and skip the certificate?"', () => {
    expect(asksForDecision('Kindly advise whether export of Dy oxide to India requires any permission.')).toBe(true);
    expect(asksForDecision('The supplier says it needs no licence. Can we rely on that and skip the end-user certificate?')).toBe(true);
  });
});

describe('yes/no questions that open otherwise (ninth session)', () => {
  it('reads "so surely no licence is needed?" and "still no licence needed?" as asking for a decision', () => {
    expect(asksForDecision('Our goods are civil, so surely no licence is needed for this?')).toBe(true);
    expect(asksForDecision('same as last month. still no licence needed?')).toBe(true);
  });

  it('reads a linking word and a subject before the verb ("So we can order freely?") as a yes/no question', () => {
    expect(asksForDecision('So we can order Tb metal freely and don\'t need to worry?')).toBe(true);
  });

  it('reads a yes/no question typed without its mark, after a rhetorical one', () => {
    expect(asksForDecision('The pause ended on 10 November right? do we need a licence now')).toBe(true);
    expect(asksForDecision('What documents do we need for the licence application?')).toBe(false);
  });

  it('decides a licence question about named goods the classifier reads as a procedure question', () => {
    const r = newAssistant().handle({ ...msg('Our Ningbo vendor holds a general licence with us named on it. So we can order SmCo magnets freely and need nothing else?', 'qf-9'), asOf: '2026-05-12' });
    expect(r.verdict).toBe('license_required');
  });
});

describe('a one-word check of a claim (ninth session)', () => {
  it('reads "… so they need nothing from us. true?" as asking for a decision', () => {
    expect(asksForDecision('The vendor says its general licence covers us, so we need nothing else. true?')).toBe(true);
    expect(asksForDecision('Thanks. ok?')).toBe(false);
  });
});

describe('a tag question checks a decision (own phrasings)', () => {
  it('reads "…, so nothing is needed. OK?" and "…, right?" as asking for a decision, and "Thanks. ok?" not', () => {
    expect(asksForDecision('The distributor says its general licence covers us, so no other licence is needed. OK?')).toBe(true);
    expect(asksForDecision('So the suspension covers our gallium too, right?')).toBe(true);
    expect(asksForDecision('How long does a licence take right now?')).toBe(false);
    expect(asksForDecision('Thanks. ok?')).toBe(false);
  });
});

describe('questions typed without "is it", and a yes/no question joined to another (own phrasings)', () => {
  it('reads "ok to send them under it?" as asking for a decision, and "ok thanks" not', () => {
    expect(asksForDecision('we already hold a general licence. ok to send them under it?')).toBe(true);
    expect(asksForDecision('so safe to ship the lot next week?')).toBe(true);
    expect(asksForDecision('ok thanks, that helps')).toBe(false);
  });

  it('reads "what are the penalties and did we need a licence?" as a decision, "what is it and can it cover us?" not', () => {
    expect(asksForDecision('Our forwarder sent Tb oxide in March without papers. What are the penalties and did we need a licence for it?')).toBe(true);
    expect(asksForDecision('Our vendor mentions a general licence. What is that and can it cover our orders?')).toBe(false);
    expect(asksForDecision('Which documents do we file and can we apply online?')).toBe(false);
  });
});

describe('a dash ends a clause, and "without a licence" asks whether (own phrasings)', () => {
  it('reads "We are a new buyer in Chile - can they send Tb magnets without a new application?" as a decision', () => {
    expect(asksForDecision('Our vendor got a general licence. We are a new buyer in Chile - can they send Tb magnets to us without a new application?')).toBe(true);
  });

  it('reads "what happens if we ship without a licence?" and "can they ship many times without applying?" as not asking for one', () => {
    expect(asksForDecision('What are the fines for sending Tb magnets without a licence?')).toBe(false);
    expect(asksForDecision('Does that mean they can send to us often without applying each time?')).toBe(false);
  });
});

describe('a statement asked with a question mark, ending in whether it is fine (thirteenth session, own phrasing)', () => {
  it('reads "… so hiring her is fine?" as asking for a decision, and a question asking what as not', () => {
    expect(asksForDecision('The technology rules are paused, so hiring her is fine?')).toBe(true);
    expect(asksForDecision('Which of these documents is correct?')).toBe(false);
  });
});

describe('a statement with a modal, asked whether it may go without a licence (sixteenth session, own phrasing)', () => {
  it('reads "so the Baotou plant can send the oxide without applying?" as asking for a decision', () => {
    expect(asksForDecision('So the Baotou plant can send the terbium oxide to Lyon without applying?')).toBe(true);
    expect(asksForDecision('Then our vendor could ship Dy blocks without any licence?')).toBe(true);
  });

  it('keeps paperwork repeated under a general licence a procedure question', () => {
    expect(asksForDecision('So under the general licence our vendor can ship to us without applying for every order?')).toBe(false);
  });
});

describe('an earlier question whether a licence is needed (eighteenth session, own phrasings)', () => {
  it('reads "we need licence now? what papers do they want?" as asking for the decision too', () => {
    expect(asksForDecision('Supplier stopped shipping the Gd. So we need licence now? What papers do they want from us?')).toBe(true);
    expect(asksForDecision('Is a licence required for this order? And how long will it take?')).toBe(true);
  });

  it('keeps "is this required for the licence? what must we provide?" a procedure question', () => {
    expect(asksForDecision('They want factory photos. Is that really required for the licence? What else must we send?')).toBe(false);
  });
});

describe('a contracted copula before the decision word (eighteenth session, own phrasings)', () => {
  it('reads "so that\'s fine now?" and "then it\'s allowed again?" as asking for a decision', () => {
    expect(asksForDecision('The catalogue was updated last year, so that\'s fine now?')).toBe(true);
    expect(asksForDecision('The pause runs to November, then it\'s allowed again?')).toBe(true);
  });

  it('keeps "what\'s allowed now?" an open question', () => {
    expect(asksForDecision('what\'s allowed now?')).toBe(false);
  });
});

describe('a licence noun asked on its own (twenty-seventh session, own phrasings)', () => {
  it('reads "Licence?" or "Permit?" after a fact as asking whether one is needed', () => {
    expect(asksWhetherLicenceNeeded('The buyer runs a 3 nm foundry. Licence?')).toBe(true);
    expect(asksWhetherLicenceNeeded('Shipping to Busan next week. Permit?')).toBe(true);
  });

  it('does not read a licence noun inside a question of procedure that way', () => {
    expect(asksWhetherLicenceNeeded('How long does the licence take?')).toBe(false);
  });
});

describe('checks asked without a copula (twenty-seventh session, own phrasings)', () => {
  it('reads "… so fine?" and "Correct for …?" as asking for a decision', () => {
    expect(asksForDecision('The October announcement is paused so fine?')).toBe(true);
    expect(asksForDecision('Our distributor says the general licence covers us. Correct for the Tb oxide too?')).toBe(true);
  });

  it('does not read a question word question that way', () => {
    expect(asksForDecision('Correct me: which form do I fill in?')).toBe(false);
  });
});

describe('a licence noun with only fillers around it (twenty-seventh session, own phrasings)', () => {
  it('reads "still no licence?" and "so licence yes or no?" as asking whether one is needed', () => {
    expect(asksWhetherLicenceNeeded('Same Tm foil as last year. Still no licence?')).toBe(true);
    expect(asksWhetherLicenceNeeded('so licence yes or no?')).toBe(true);
    expect(asksForDecision('We reorder the Ho pellets every quarter. Still no permit?')).toBe(true);
  });
});

describe('a short follow-up that says when the goods move and asks whether the answer holds', () => {
  it('is decided again as the question under discussion', () => {
    const assistant = newAssistant('2026-11-25T09:00:00Z');
    assistant.handle({ ...msg('We ship Tm-doped fibre from Wuhan to Lyon; no licence since the No. 57 pause.', 'qf-hold'), asOf: '2026-11-25' });
    const reply = assistant.handle({ ...msg('The next lot goes out in December. Still fine?', 'qf-hold'), asOf: '2026-11-25' });
    expect(reply.verdict).toBe('escalate');
    expect(reply.citations.map((c) => c.source)).toContain('CN-ANN-2025-57');
  });
});

describe('"with no licence" said for "without" (forty-first session, own phrasing)', () => {
  it('reads a statement that goods may move with no licence or permit, asked, as asking for a decision', () => {
    expect(asksForDecision('So our Osaka office can buy the SmCo rings from Ningbo with no licence?')).toBe(true);
    expect(asksForDecision('Then the distributor can resell the Gd oxide with no permit?')).toBe(true);
  });

  it('still reads "what happens to goods shipped with no licence?" as a question of what, not whether', () => {
    expect(asksForDecision('What happens to goods that were shipped with no licence?')).toBe(false);
  });
});

describe('a licence noun asked alone with "anymore" or "at all" (forty-first session, own phrasing)', () => {
  it('reads "…, no licence anymore?" and "no permit at all?" as asking for a decision', () => {
    expect(asksForDecision('After the truce, for the SmCo rings to our Graz site, no licence anymore?')).toBe(true);
    expect(asksForDecision('For samples under 1 kg, no permit at all?')).toBe(true);
  });
});

describe('"every time" is an occasion, not a length of time (forty-eighth session, own phrasing)', () => {
  it('asks for a decision when a licence is asked for "every time"', () => {
    expect(asksForDecision('Our last lot of Tb targets was held at customs. From now on, licence needed every time?')).toBe(true);
  });

  it('still reads how much time a licence takes as procedure', () => {
    expect(asksForDecision('How much time does the licence take?')).toBe(false);
  });
});
