/**
 * The one orchestrator every channel calls: understand the message, merge it with the conversation, decide with
 * the rules, escalate when the decision says so, and compose a channel-neutral Reply. It does no I/O of its own:
 * the conversation store, the case service and the clock are ports passed in.
 */
import type { OpenCaseInput } from '../cases/case-service.js';
import type { Precedent } from '../cases/case-view.js';
import { factsKey, normaliseFacts } from '../cases/normalise-facts.js';
import type { Clock } from '../core/clock.js';
import { isoDay, systemClock } from '../core/clock.js';
import { latestPastDate, resolveShipDate, resolveShipSpanEnd } from '../nlu/extract-ship-date.js';
import { otherGoodsFacts } from '../nlu/frame-facts.js';
import { grammarWords } from '../nlu/grammar.js';
import { asksAboutThePast, asksWhetherLicenceNeeded } from '../nlu/question-form.js';
import { wordsPattern } from '../nlu/text.js';
import type { Understander, Understanding } from '../nlu/understand.js';
import type { Decision } from '../rules/decision.js';
import { evaluate, namedButNotApplying, notAmongSuspended } from '../rules/engine.js';
import { IsoDateSchema, isPeopleWork, type Facts } from '../rules/facts.js';
import type { RuleSet } from '../rules/ruleset.js';
import { assertNever, strictness, type ReplyVerdict } from '../rules/verdict.js';
import type { ConversationState, ConversationStore } from './conversation-store.js';
import { MemoryConversationStore } from './conversation-store.js';
import { answerProcess, answerRegulation, topicMatches, type InformationAnswer } from './information.js';
import { mergeFacts } from './merge-facts.js';
import type { Message } from '../contracts/message.js';
import { applyCorrection, corrections, readAsText } from './read-as.js';
import type { Correction, Escalation, Intent, Reply } from '../contracts/reply.js';
import { disclaimer, headline, HELP_TEXT, MAX_INPUT_CHARS, MAX_REASONS, OUT_OF_SCOPE_TEXT, describeItem } from './wording.js';

/**
 * What the assistant needs of the case service; a narrow port so tests and channels can pass the real one, and a
 * PostgreSQL turn its unit of work (postgres/pg-turn-pipeline.ts), which knows a new case's id but not its view.
 */
export interface CasesPort {
  escalate(input: OpenCaseInput): { readonly case: { readonly id: string }; readonly created: boolean };
  findPrecedent(key: string, rulesVersion: string): Precedent | undefined;
  recordQuestion(m: Message, r: Reply): void;
}

export interface AssistantOptions {
  readonly rules: RuleSet;
  readonly understander: Understander;
  readonly conversations?: ConversationStore;
  readonly cases?: CasesPort;
  readonly clock?: Clock;
}

const DECISION_INTENTS: ReadonlySet<Intent> = new Set(['part_license', 'collaboration_license', 'reexport_license']);
const FOLLOW_UP_MAX_WORDS = 14;
/** Said where a question needs compliance and no case service is configured (the CLI without one). */
const NO_CASE_SERVICE_NOTE = 'No case service is configured: please contact compliance directly.';
/** NdFeB grades hold up to about 10 % Dy and Tb together (magnet makers' grade tables): a larger share names another material. */
const MAGNET_GRADE_MAX_HEAVY_PERCENT = 10;
/** Earlier turns read with this one when a cooperation's provider rests on a party named before: the recent ones. */
const DISCOURSE_TURNS = 3;
/** Up to this many words, a question with a fact in it ("and to Japan?") is a follow-up, whatever its classification. */
const OFF_TOPIC_MIN_WORDS = 4;
/** Words that open a statement about what was just discussed ("it's for…", "they are…"). */
const PRONOUN_OPENERS = grammarWords('pronounOpeners');
const COPULAS = grammarWords('copulas');
const YES_NO_OPENERS = grammarWords('yesNoOpeners');
const GOODS_REFERENCES = grammarWords('goodsReferenceNouns');
const OBJECT_PRONOUNS = grammarWords('objectPronouns');
const DETERMINERS = grammarWords('determiners');
const PROCEDURE_WORDS = grammarWords('procedureWords');
const PAST_EXPORT_VERBS = grammarWords('pastExportVerbs');
const LICENCE_NOUNS = grammarWords('licenceNouns');
const SHIPMENT_WORDS = wordsPattern(grammarWords('shipmentWords'));
const VALUE_WORDS = wordsPattern(grammarWords('valueWords'));
/** "Does that change anything?", "does it matter if …?": whether a new circumstance changes the answer just given. */
const BEARING_QUESTIONS = wordsPattern(grammarWords('bearingQuestions'));
const JOINT_GOODS_QUESTIONS = wordsPattern(grammarWords('jointGoodsQuestions'));
const STOCK_WORDS = wordsPattern(grammarWords('storeNouns'));
/** Said whenever an answer reads goods of unsaid route as leaving China (decideOnRoute), wherever the answer is composed. */
const ASSUMED_ORIGIN_NOTE = 'Where the goods leave from was not said, and every other fact points to a licence: I read them as leaving China, where these controls apply. If they ship from outside China, say so and I will check again.';
/** Words that ask whether a rule is in force now ("back in force", "still suspended", "extended"). */
const STATUS_QUESTION = wordsPattern(grammarWords('statusQuestionWords'));
/** Words saying controls were suspended or lifted: a rule in force that decides the answer then says it is not. */
const SUSPENSION_BELIEF = wordsPattern(grammarWords('suspensionBeliefWords'));

/** What the rules say of Chinese-made goods if already in stock abroad, beside an answer for goods leaving China. */
function abroadNote(ifAbroad: Decision, decided: Decision): string | undefined {
  const first = ifAbroad.reasons[0];
  // Only when it adds an instrument the answer does not already rest on.
  const adds = ifAbroad.citations.some((c) => !decided.citations.some((d) => d.source === c.source));
  if (ifAbroad.verdict === 'need_info' || first === undefined || !adds) return undefined;
  return `If the goods are already in stock outside China, their re-export is another case: ${first}`;
}

/** Words in a message; a dash or other punctuation standing alone ("Fine for now - but …") is none. */
function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The message's last sentence (its question, when it ends on one). */
function lastSentence(text: string): string {
  return text.trim().split(/(?<=[.!?])\s+/).at(-1) ?? text;
}

function hasFacts(f: Facts): boolean {
  return Object.keys(f).some((k) => k !== 'asOf');
}

/**
 * The facts the intent's rules decide on. A goods question that also names know-how about making the goods ("the
 * jet-mill settings for their 45SH grade") keeps the technology facts too: both rule sets run and the stricter
 * answer stands, so know-how in a goods question can only make the answer more careful, never clear it.
 */
function scopeFacts(intent: Intent, facts: Facts, knowHowNamed = false): Facts {
  if (intent === 'collaboration_license') {
    const { item: _item, ...rest } = facts;
    return rest;
  }
  if (knowHowNamed && facts.collaboration) return facts;
  const { collaboration: _c, ...rest } = facts;
  return rest;
}

/** Goods named by what they are: a form, a magnet family or elements (a plant named in passing names no goods). */
function namesItem(item: Facts['item']): boolean {
  return item !== undefined && (item.form !== undefined || item.magnetType !== undefined || (item.elementsPresent?.length ?? 0) > 0);
}

/** A military end user, or a military or WMD end use, said of the goods. */
function militaryUse(f: Facts): boolean {
  return f.endUser?.kind === 'military' || (f.endUses ?? []).some((e) => e === 'military' || e === 'wmd');
}

/** Ways of passing know-how on that hand the know-how itself over: the values of the rules' named condition. */
function handoverKinds(rules: RuleSet): ReadonlySet<string> {
  const c = rules.conditions['technology-handover'];
  const value = c !== undefined && 'fact' in c ? c.value : [];
  return new Set((Array.isArray(value) ? value : [value]).map(String));
}

/**
 * Know-how named in a goods question that the rules must see: on a technology they know, or handed over by a Chinese
 * party abroad whatever it is ("e-mail the washcoat recipe to HQ in Belgium"), which the goods rules alone would clear.
 */
function knowHowToDecide(u: Understanding, handover: ReadonlySet<string>): boolean {
  const t = u.frame.technology;
  if (!u.signals.knowHow || !t) return false;
  return t.area !== undefined || (t.chineseProvider === true && t.abroad === true && t.kind !== undefined && handover.has(t.kind));
}

/**
 * What the route may be assumed to be when the question leaves it out: nothing for goods resold from stock; for goods
 * the asker keeps in a warehouse or in stock ("Chinese-origin Tb oxide in our Antwerp warehouse"), only a route
 * not said at all; otherwise goods said to be Chinese may be assumed to leave China too ("we got a quote for Chinese
 * holmium-iron alloy"). Assumed routes only ever give stricter answers (decideOnRoute).
 */
type RouteAssumption = 'none' | 'unsaid' | 'unsaid-or-chinese';

function routeAssumption(u: Understanding, texts: readonly string[]): RouteAssumption {
  if (u.frame.activity === 'resell_from_stock') return 'none';
  return texts.some((t) => STOCK_WORDS.test(t)) ? 'unsaid' : 'unsaid-or-chinese';
}

export class Assistant {
  private readonly conversations: ConversationStore;
  private readonly clock: Clock;

  private readonly handover: ReadonlySet<string>;

  constructor(private readonly options: AssistantOptions) {
    this.clock = options.clock ?? systemClock;
    this.handover = handoverKinds(options.rules);
    this.conversations = options.conversations ?? new MemoryConversationStore(10_000, 24 * 3600_000, () => this.clock.now().getTime());
  }

  get rulesVersion(): string {
    return this.options.rules.version;
  }

  handle(message: Message): Reply {
    const raw = message.text.trim();
    let inputNote: string | undefined;
    let text = raw;
    if (text.length > MAX_INPUT_CHARS) {
      text = text.slice(0, MAX_INPUT_CHARS);
      inputNote = `Your message was ${raw.length.toLocaleString('en')} characters long; I read the first ${MAX_INPUT_CHARS.toLocaleString('en')}.`;
    }
    const asOfFromMessage = message.asOf && IsoDateSchema.safeParse(message.asOf).success ? message.asOf : undefined;
    if (text.length === 0) {
      const asOf = asOfFromMessage ?? isoDay(this.clock.now());
      return this.finish(message, this.infoReply('help', 1, { headline: 'Your message was empty.', reasons: HELP_TEXT, citations: [], statusUnknown: false }, asOf, 'The message was empty.'));
    }

    const prev = this.conversations.get(message.conversation);
    const correction = prev?.corrections?.find((c) => c.label.toLowerCase() === text.replace(/[.!]+$/, '').toLowerCase());
    if (prev && correction && DECISION_INTENTS.has(prev.intent)) return this.finish(message, this.correct(message, prev, correction, text));

    const u = this.options.understander.understand(text);
    // "Shipped on 20 March 2025 … was a licence required at that time?": a question about a past shipment is decided
    // under the rules of the day it names, not of the day it is asked.
    const today = asOfFromMessage ?? isoDay(this.clock.now());
    // So is the asker's own shipment said to have left without a licence on a day it names ("we shipped SmCo magnets on
    // 25 March 2025 without any licence. Do we have an exposure?").
    // So is a shipment said to have left on a day named without its year, in a question about the past ("our supplier
    // shipped them on 2 April … Was that shipment OK?"): the latest such day up to the day asked.
    const pastShipment = u.facts.asOf === undefined && asksAboutThePast(text) && text.toLowerCase().split(/[^a-z]+/).some((w) => PAST_EXPORT_VERBS.has(w))
      ? latestPastDate(u.frame.shipWhen, today) : undefined;
    const pastDay = u.facts.asOf !== undefined && u.facts.asOf < today && (asksAboutThePast(text) || u.facts.exportedWithoutLicence === true) ? u.facts.asOf : pastShipment;
    const asOf = pastDay ?? asOfFromMessage ?? u.facts.asOf ?? prev?.asOf ?? isoDay(this.clock.now());
    const resolved = this.resolveIntent(u, prev, text);
    const regimeDecides = u.foreignRegime !== undefined && resolved !== 'talk_to_human' && resolved !== 'help' && this.regimeRuleDecides(u, resolved, asOf);
    const intent: Intent = regimeDecides && !DECISION_INTENTS.has(resolved) ? 'part_license' : resolved;

    let reply: Reply;
    if (u.foreignRegime && !regimeDecides && intent !== 'talk_to_human' && intent !== 'help') {
      // Another country's rules or tariffs: no Chinese verdict, but a pointer to whoever decides them.
      const source = u.foreignRegime.source ? this.options.rules.sources.get(u.foreignRegime.source) : undefined;
      reply = this.infoReply('out_of_scope', u.confidence, {
        headline: `That is a question about ${u.foreignRegime.name}, which Lodestone does not decide.`,
        reasons: [u.foreignRegime.pointer, 'Lodestone decides China\'s export controls on rare earths and related items; ask me about those at any time.'],
        citations: source ? [{ source: source.id, title: source.title, ...(source.url ? { url: source.url } : {}) }] : [],
        statusUnknown: false,
      }, asOf);
    } else if (DECISION_INTENTS.has(intent)) {
      const { asOf: _a, ...said } = u.facts;
      const newFacts = this.cooperationFromDiscourse(said, prev, text);
      // Facts an earlier question about procedure gave ("we signed the end-user certificate for the Tb oxide") count too.
      const carried = prev && (DECISION_INTENTS.has(prev.intent) || hasFacts(prev.facts)) ? mergeFacts(prev.facts, newFacts, { correction: u.frame.correction === true, refersBack: u.frame.item?.refersBack === true, routeSaid: u.frame.places.shipFromSaid === true,
        onward: intent === 'reexport_license' || u.frame.activity === 'resell_from_stock', comesBack: u.frame.places.comesBack === true, sentToAsker: u.frame.places.sentToAsker === true, goodsMoved: u.frame.item?.moved === true }) : newFacts;
      const scoped = this.saferScope(intent, carried, scopeFacts(intent, carried, knowHowToDecide(u, this.handover)), asOf);
      const { facts } = scoped;
      // "What about after 10 November?": after a decision, a short turn's date with no word of shipping asks about the
      // same goods on that day (a date already past, such as an announcement's, changes nothing).
      const followUp = prev !== undefined && DECISION_INTENTS.has(prev.intent);
      const askedAbout = followUp && wordCount(text) <= FOLLOW_UP_MAX_WORDS ? resolveShipDate(u.frame.mentionedWhen, asOf) : undefined;
      const shipOn = resolveShipDate(u.frame.shipWhen, asOf) ?? askedAbout ?? (followUp ? prev.shipOn : undefined);
      reply = this.decide(message, scoped.intent, u, facts, asOf, prev, text, shipOn, resolveShipSpanEnd(u.frame.shipWhen, asOf));
      this.conversations.set(message.conversation, {
        intent: scoped.intent, facts, asOf, ...(shipOn ? { shipOn } : {}), turns: [...(prev?.turns ?? []), text].slice(-20), lastVerdict: reply.verdict,
        missing: reply.missing, caseId: reply.escalation.caseId ?? prev?.caseId, corrections: reply.readAs?.corrections ?? [],
        updatedAt: this.clock.now().getTime(),
      });
    } else {
      reply = this.answerOther(message, intent, u, asOf, text, prev);
      if (intent === 'license_process' || intent === 'regulation_info') reply = this.withGoodsDecided(message, reply, u, prev, asOf, text);
      // Keep the turns, and the question under discussion, so a later "talk to compliance" carries them; and the facts a
      // question about procedure or the rules gave, for a decision asked next ("… can we later sell some to our affiliate?").
      const base: ConversationState = prev ?? { intent, facts: {}, turns: [], lastVerdict: reply.verdict, missing: [], updatedAt: 0 };
      // Only a turn that names goods, their end-user certificate or a Chinese party's cooperation ("a customer would like
      // to audit our Ganzhou plant"): a site alone ("auditing suppliers at our plant in Germany") says where the asker
      // is, not where any goods come from.
      const { asOf: _a, ...newFacts } = u.facts;
      const namesGoods = namesItem(newFacts.item);
      // (A bare reference to goods the classifier puts out of scope, "Following up on the Changzhou rotor assemblies.", still
      // names the goods the next turn asks about.)
      const keep = (intent !== 'out_of_scope' || (namesGoods && !text.includes('?'))) && (namesGoods || newFacts.endUserCommitment === true || newFacts.collaboration?.chineseProvider === true);
      const facts = keep ? mergeFacts(base.facts, newFacts) : base.facts;
      this.conversations.set(message.conversation, {
        ...base, facts, turns: [...base.turns, text].slice(-20), caseId: reply.escalation.caseId ?? base.caseId, updatedAt: this.clock.now().getTime(),
      });
    }
    if (inputNote) reply = { ...reply, inputNote };
    return this.finish(message, reply);
  }

  /**
   * A foreign regime the brief itself models (the US DFARS magnet clause, R21) is decided by its own rules when the
   * question gives the facts they need: "magnets made in Vietnam of Chinese-mined NdPr, DoD deliveries in 2027, OK under
   * DFARS?" gets the clause's verdict, cited, with its note that the US contracts team decides how it applies. Without
   * those facts ("what does the clause require from us?") the question keeps its pointer. Only this turn's facts
   * count: a regime named after a Chinese question is a new question.
   */
  private regimeRuleDecides(u: Understanding, intent: Intent, asOf: string): boolean {
    const source = u.foreignRegime?.source;
    if (!source) return false;
    const regimeRules = new Set(this.options.rules.rules.filter((r) => r.sources.some((s) => s.id === source)).map((r) => r.id));
    if (regimeRules.size === 0) return false;
    const { asOf: _a, ...said } = u.facts;
    const decisionIntent = DECISION_INTENTS.has(intent) ? intent : 'part_license';
    const { facts } = this.saferScope(decisionIntent, said, scopeFacts(decisionIntent, said, knowHowToDecide(u, this.handover)), asOf);
    const { decision } = this.decideForShipment(decisionIntent, facts, asOf, resolveShipDate(u.frame.shipWhen, asOf), undefined, resolveShipSpanEnd(u.frame.shipWhen, asOf));
    return decision.fired.some((r) => regimeRules.has(r.ruleId) && (r.contributes === 'prohibited' || r.contributes === 'escalate'));
  }

  /**
   * "The supplier offers to send technicians to commission the line" after "furnaces from a Chinese supplier": who
   * provides a cooperation, and where it happens, may rest on a party an earlier turn named. When this turn leaves them
   * open, they are read from the conversation's text so far, earlier turns first; only what this turn left open is
   * filled, and a provider it read as not Chinese where the conversation names a Chinese one. Only readings that make
   * the answer stricter are taken (a Chinese provider, a place abroad, a rare-earth area): a reading across turns is
   * less sure than one within a message, and
   * "our Chinese engineers … hand over our process sheets" read as the asker's own know-how cleared a prohibited
   * transfer.
   */
  private cooperationFromDiscourse(said: Facts, prev: ConversationState | undefined, text: string): Facts {
    const own = said.collaboration;
    if (!own || !prev || prev.turns.length === 0 || (own.chineseProvider === true && own.abroad !== undefined && own.area !== undefined)) return said;
    // Each turn is its own sentence, whether or not the asker ended it with a full stop.
    const discourse = [...prev.turns.slice(-DISCOURSE_TURNS), text].map((t) => (/[.!?;:]\s*$/.test(t) ? t : `${t}.`)).join(' ');
    const whole = this.options.understander.understand(discourse).facts.collaboration;
    if (!whole) return said;
    const filled = { ...own };
    // ("Our JV has a Chinese partner" then "The partner would bring its magnet know-how into the JV": a provider this turn
    // reads as not Chinese, where the conversation names it Chinese, is the Chinese one; the stricter reading is taken.)
    if (filled.chineseProvider !== true && whole.chineseProvider === true) filled.chineseProvider = true;
    if (filled.abroad === undefined && whole.abroad === true) filled.abroad = true;
    if (filled.area === undefined && whole.area !== undefined && whole.area !== 'no_rare_earth') filled.area = whole.area;
    return { ...said, collaboration: filled };
  }

  /**
   * Safety by construction: a reading that would clear the question is checked against the other reading the message
   * also supports, and the stricter one decides. Goods words never hide a Chinese party's service ("the Chinese maker
   * sends technicians to repair our HD furnace"), and cooperation words never hide listed goods ("export of Dy2O3 …
   * the supplier asks for our documents").
   */
  private saferScope(intent: Intent, carried: Facts, facts: Facts, asOf: string): { intent: Intent; facts: Facts } {
    const goodsIntent = intent === 'part_license' || intent === 'reexport_license';
    const coop = carried.collaboration;
    const item = carried.item;
    const other: { intent: Intent; facts: Facts } | undefined = goodsIntent && coop?.chineseProvider === true && coop.kind
      ? { intent: 'collaboration_license', facts: scopeFacts('collaboration_license', carried) }
      // Goods only when they go somewhere outside China: training on a line at a Chinese plant moves no goods.
      : intent === 'collaboration_license' && item && (item.form !== undefined || (item.elementsPresent?.length ?? 0) > 0) && carried.destination !== undefined && carried.destination !== 'CN'
        ? { intent: 'part_license', facts: scopeFacts('part_license', carried) }
        : undefined;
    if (!other) return { intent, facts };
    const verdict = evaluate(this.options.rules, facts, asOf).verdict;
    if (verdict !== 'not_required') return { intent, facts };
    // Only a decided stricter answer counts: a reading that would merely ask is no reason to leave the question's own.
    const alt = evaluate(this.options.rules, other.facts, asOf).verdict;
    return alt === 'license_required' || alt === 'prohibited' || alt === 'escalate' ? other : { intent, facts };
  }

  /** A tapped correction: the conversation's facts with the patch applied, decided again under the same intent. */
  private correct(message: Message, prev: ConversationState, correction: Correction, text: string): Reply {
    const facts = applyCorrection(prev.facts, correction.patch);
    const asOf = message.asOf && IsoDateSchema.safeParse(message.asOf).success ? message.asOf : prev.asOf ?? isoDay(this.clock.now());
    const u = this.options.understander.understand(text);
    const reply = this.decide(message, prev.intent, { ...u, intent: prev.intent, confidence: 1 }, facts, asOf, prev, text, prev.shipOn);
    this.conversations.set(message.conversation, {
      ...prev, facts, asOf, turns: [...prev.turns, text].slice(-20), lastVerdict: reply.verdict, missing: reply.missing,
      caseId: reply.escalation.caseId ?? prev.caseId, corrections: reply.readAs?.corrections ?? [], updatedAt: this.clock.now().getTime(),
    });
    return reply;
  }

  private finish(message: Message, reply: Reply): Reply {
    this.options.cases?.recordQuestion(message, reply);
    return reply;
  }

  /**
   * "They do AI research with defence applications. Licence?", "… civil magnet production. What do we need?" after a
   * question about goods: a cooperation read with no kind of cooperation (only a technology area, or the classifier's
   * guess) describes the buyer's own work, the end use of the goods, so the goods question stays.
   */
  private resolveIntent(u: Understanding, prev: ConversationState | undefined, text: string): Intent {
    const intent = this.resolveIntentOfTurn(u, prev, text);
    const goodsBefore = prev !== undefined && (prev.intent === 'part_license' || prev.intent === 'reexport_license');
    // (Not when the turn names process know-how for a rare-earth process: "their flowsheet and dosing parameters for Dy/Tb
    // separation, as part of the deal" is know-how offered, whatever verb offers it.)
    const area = u.facts.collaboration?.area;
    const processKnowHow = u.signals.knowHowNamed && area !== undefined && area !== 'product_design' && area !== 'no_rare_earth';
    return intent === 'collaboration_license' && goodsBefore && !u.facts.collaboration?.kind && !processKnowHow ? prev.intent : intent;
  }

  /** A short answer to Lodestone's own follow-up keeps the question it answers. */
  private resolveIntentOfTurn(u: Understanding, prev: ConversationState | undefined, text: string): Intent {
    // "Licence says 500 kg; production made 540 kg. Is 8 % over OK?": a change from what a licence held names is a
    // question about that licence, however little of it the classifier recognises.
    if ((u.intent === 'out_of_scope' || u.intent === 'help') && u.facts.licenceChange !== undefined && !u.foreignRegime) return 'license_process';
    // "Is the 0.1% rule active again now?": a turn the classifier puts off topic, or reads as a plea for help, that names
    // one of the Chinese instruments the rules hold asks about those rules.
    if ((u.intent === 'out_of_scope' || u.intent === 'help') && !u.foreignRegime && u.signals.references.sources.some((s) => s.startsWith('CN-'))) return 'regulation_info';
    // "What is 2B902?": a control code named with nothing else to decide is a question about the rules.
    if ((u.intent === 'out_of_scope' || u.intent === 'help') && u.signals.references.controlCodes.length > 0 && Object.keys(u.facts.item ?? {}).every((k) => k === 'controlCode') && !u.facts.shipFrom && !u.facts.destination) return 'regulation_info';
    // An information intent with nothing in the information topics to answer it, about a named item or
    // cooperation ("do we need a licence for our magnets?"), is a question for the rules; a change from what a licence
    // held names stays a question about that licence (art. 18), whatever else the message names.
    if ((u.intent === 'license_process' || u.intent === 'regulation_info') && u.suggested
      && ((u.signals.references.sources.length === 0 && u.facts.licenceChange === undefined && !topicMatches(this.options.rules, u.intent, u.read)) || (u.suggestedStrong && DECISION_INTENTS.has(u.suggested) && u.asksForDecision)
        // "With No. 70 run out, is a licence needed for the next lot of Tm2O3 from Jiangxi?": a yes/no question about
        // named rare-earth goods on a route asks for a decision, whatever announcement it mentions.
        || (u.suggested === 'part_license' && u.asksForDecision && (u.facts.item?.elementsPresent?.length ?? 0) > 0 && (u.facts.shipFrom !== undefined || u.facts.destination !== undefined)))) {
      // "Rotor assemblies for a missile programme. Same rotor design. Still no licence?": a technology area read with no
      // way of passing it on, beside goods named, describes the goods, so the goods are what is asked about.
      const areaOfGoods = u.suggested === 'collaboration_license' && !u.suggestedStrong && !u.facts.collaboration?.kind && namesItem(u.facts.item);
      return areaOfGoods ? 'part_license' : u.suggested;
    }
    // "So surely no licence is needed for this [SmCo magnet]?", "still no licence needed for our NMC packs?": a yes/no
    // question whether goods it names need a licence is for the rules, however the classifier reads its wording.
    const goodsAsked = u.facts.item !== undefined && (u.facts.item.form !== undefined || u.facts.item.magnetType !== undefined
      || (u.facts.item.elementsPresent?.length ?? 0) > 0 || u.facts.item.sector !== undefined);
    // "Our Chinese supplier of 'motor parts' says the shipment waits for a licence. Is that correct?": goods named only
    // as parts or products, on a route from China, are asked about too (and the rules ask what they are).
    const unnamedGoodsFromChina = u.signals.genericItem && u.facts.shipFrom === 'CN';
    // "We're buying magnetic phone stands from a Chinese vendor for our call-centre agents. Do these fall under the
    // controls?": a cooperation question in which no cooperation at all is read, about goods it names, asks about the goods.
    if (u.intent === 'collaboration_license' && u.facts.collaboration === undefined && !u.signals.knowHow && goodsAsked && !prev) return u.suggested !== null && DECISION_INTENTS.has(u.suggested) && u.suggested !== 'collaboration_license' ? u.suggested : 'part_license';
    // "A partner lab wants Chinese Gd oxide shipped from China to them for our joint project": goods named on a route,
    // in a cooperation with no rare-earth area and no know-how named, are what is asked about; the project is what
    // they are for.
    if (u.intent === 'collaboration_license' && goodsAsked && u.frame.places.shipFromSaid === true && u.facts.collaboration?.kind === 'joint_rnd'
      && !u.facts.collaboration.area && !u.facts.collaboration.publicOrBasicResearch && !u.signals.knowHow && !u.signals.knowHowNamed) return 'part_license';
    if (u.intent === 'license_process' && u.asksForDecision && (goodsAsked || unnamedGoodsFromChina) && (u.suggested === null || u.suggested === 'part_license')) return 'part_license';
    // "SmCo magnets, end user a Navy contractor for missile seeker heads. Can we apply?": how to apply is no answer
    // when the export may be banned outright (military users and uses, brief R17/R18), so a procedure question about
    // named goods for a military end user or use is decided by the rules.
    // So is one for a party named on one of MOFCOM's lists ("Customer is MP Materials. Do we just apply?"): the list
    // may ban the export outright or take general licences away (brief R23, R24).
    const militaryKnown = militaryUse(u.facts) || u.facts.endUser?.kind === 'control_list' || (u.facts.endUser?.lists?.length ?? 0) > 0;
    // So is one about goods shipped from China that the turn does not name in words the rules read ("our Shenzhen
    // contract maker ships dental laser units to Osaka; one order is for a JSDF hospital"): the rules escalate it.
    const shippedFromChina = u.facts.shipFrom === 'CN' && u.frame.activity === 'ship';
    if (u.intent === 'license_process' && militaryKnown && (goodsAsked || shippedFromChina) && !u.facts.collaboration?.kind
      && (u.suggested === null || u.suggested === 'part_license' || u.suggested === 'reexport_license')) return u.suggested ?? 'part_license';
    // "Declare them under another HS line so they don't need the licence. Can we file it that way?": a plan to get
    // round a control, about named goods, asks whether it is allowed, however procedural its wording.
    if ((u.intent === 'license_process' || u.intent === 'regulation_info') && u.frame.evasion === true && goodsAsked) {
      return u.suggested !== null && DECISION_INTENTS.has(u.suggested) ? u.suggested : 'part_license';
    }
    // "2 t of N48H with Dy for a Turkish customer. Can I start the application?" then "they make UAV motors and list army
    // contracts": a military user added to goods a procedure question named is for the rules, which may ban the export.
    const goodsBefore = namesItem(prev?.facts.item);
    // (However the classifier reads the turn, unless it asks for a person or for help: it names no cooperation and no goods.)
    if (prev && !DECISION_INTENTS.has(prev.intent) && goodsBefore && militaryKnown && !u.facts.collaboration?.kind && !u.facts.item
      && u.intent !== 'talk_to_human' && u.intent !== 'help') return 'part_license';
    // "In April our Dongguan plant exported Dy magnets without a licence; customs opened a case. What do we do?": goods the
    // asker's side says already left China without a licence are for the rules (which escalate them), not a page on
    // the licence procedure, however procedural the wording.
    if ((u.intent === 'license_process' || u.intent === 'regulation_info') && u.facts.exportedWithoutLicence === true && (goodsAsked || namesItem(prev?.facts.item))) return 'part_license';
    // "They want to do the remote maintenance and upgrade now. OK?": a goods intent guessed for a turn that names work
    // people do (a service, training, advice) and no goods, nor anything moved on, asks about that work. (Not a transfer:
    // "send half the lot to our sister plant" sends goods; nor goods referred to, "our service partner needs 10 of them".)
    const peopleWork = isPeopleWork(u.facts.collaboration?.kind);
    const lowWords = text.toLowerCase().split(/[^a-z']+/);
    if ((u.intent === 'part_license' || u.intent === 'reexport_license') && peopleWork && !lowWords.some((w) => OBJECT_PRONOUNS.has(w)) && !namesItem(u.facts.item)
      && u.signals.goods === 0 && !u.signals.reexport) {
      return 'collaboration_license';
    }
    if (!prev || !DECISION_INTENTS.has(prev.intent)) return u.intent;
    // (A plant named in passing gives a place of making, not goods: only an item's form, family or elements name goods.)
    const namesGoods = namesItem(u.facts.item);
    // So is one that adds such a user to the goods under discussion ("the end customer supplies a JSDF radar
    // programme; can we still ship with our licence application?").
    // (A service read from the user's own trade, "a depot that repairs turret drives", with no rare-earth area, is no
    // cooperation of ours.)
    if (u.intent === 'license_process' && militaryKnown && !(u.facts.collaboration?.kind && u.facts.collaboration.area) && prev.intent !== 'collaboration_license' && !namesGoods) return prev.intent;
    const words = wordCount(text);
    const answeredFollowUp = prev.lastVerdict === 'need_info' && hasFacts(u.facts) && words <= FOLLOW_UP_MAX_WORDS;
    if (answeredFollowUp) return DECISION_INTENTS.has(u.intent) && u.confidence > 0.8 ? u.intent : prev.intent;
    // A question the classifier puts out of scope whose only facts are a place or one stray word ("what's the
    // weather in Paris tomorrow?", "what's a good lasagne recipe?") is off topic; "and to Paris?" is not, nor is one
    // that says who uses the goods or what for ("they're installed in army bases. What now?").
    const namesUse = u.facts.endUser !== undefined || (u.facts.endUses?.length ?? 0) > 0;
    const offTopicQuestion = u.intent === 'out_of_scope' && text.includes('?') && !namesGoods && !namesUse && words > OFF_TOPIC_MIN_WORDS;
    if (!DECISION_INTENTS.has(u.intent) && hasFacts(u.facts) && (u.intent === 'out_of_scope' || u.intent === 'help') && !offTopicQuestion) return prev.intent;
    // "Value is low, around USD 25k.", "The truck is booked for next week.": a short statement, no question, that the
    // classifier puts out of scope and in which nothing is read, but which gives a figure, the goods' value or their
    // shipment, tells more about the goods under discussion, which are answered again; so does any short statement
    // that answers Lodestone's own question ("not sure what grade"). "It's lunchtime here, talk later" is small talk.
    // Never after "no licence needed": what was not read may be what changes that answer, and repeating it would hide that.
    const aboutTheGoods = /\d/.test(text) || VALUE_WORDS.test(text) || SHIPMENT_WORDS.test(text) || prev.lastVerdict === 'need_info';
    if (u.intent === 'out_of_scope' && !text.includes('?') && !hasFacts(u.facts) && words <= FOLLOW_UP_MAX_WORDS && aboutTheGoods && prev.lastVerdict !== 'not_required') return prev.intent;
    // "About 200 g, for testing.": a short statement after a decision, with no question and no word of procedure or
    // licence, tells more about the goods under discussion, however the classifier reads its few words.
    const procedureSaid = lowWords.some((w) => PROCEDURE_WORDS.has(w) || LICENCE_NOUNS.has(w));
    if ((u.intent === 'license_process' || u.intent === 'regulation_info') && !text.includes('?') && !u.asksForDecision && !procedureSaid
      && words <= FOLLOW_UP_MAX_WORDS && u.signals.references.sources.length === 0) return prev.intent;
    // "They would bring their own know-how. Is that OK?" after a cooperation question: a goods intent guessed for a turn
    // that names no goods but says something about the cooperation keeps the question under discussion.
    if ((u.intent === 'part_license' || u.intent === 'reexport_license') && prev.intent === 'collaboration_license' && !namesGoods
      && u.facts.collaboration !== undefined) return prev.intent;
    // "Can we just sell it on?": a yes/no question about going ahead with "it", naming no goods of its own (nor a
    // cooperation, unless one is under discussion), asks the question under discussion again with what this turn adds.
    // "Can the December shipment go without a licence?": "the … shipment" refers back as much as "it". An instrument
    // named on the way ("is that OK now that No. 62 is out?") is part of the question, not its topic.
    const refersBack = lowWords.some((w, i) => PRONOUN_OPENERS.has(w) || (GOODS_REFERENCES.has(w) && lowWords.slice(Math.max(0, i - 3), i).some((d) => DETERMINERS.has(d))));
    // ("Holmium was in the same announcement as erbium, so it is suspended too and we can order?": an element of the goods
    // under discussion, named alone, names no other goods.)
    const prevElements = prev.facts.item?.elementsPresent ?? [];
    const sameElementsOnly = u.facts.item !== undefined && Object.keys(u.facts.item).every((k) => k === 'elementsPresent')
      && (u.facts.item.elementsPresent ?? []).every((e) => prevElements.includes(e));
    if ((u.intent === 'license_process' || u.intent === 'regulation_info') && u.asksForDecision && refersBack && (!namesGoods || sameElementsOnly)
      && (!u.facts.collaboration?.kind || prev.intent === 'collaboration_license')) return prev.intent;
    // "Is that feasible legally?", "Would that be allowed?": a short yes/no question about "that", naming nothing, that the
    // classifier reads as a request for help or as off topic, asks the question under discussion again.
    // ("Is the canteen open this Friday?" is about something else: the pronoun must be what the question is about.)
    const [opener, subject] = lowWords.filter(Boolean);
    const aboutThat = YES_NO_OPENERS.has(opener ?? '') && PRONOUN_OPENERS.has(subject ?? '');
    if ((u.intent === 'help' || u.intent === 'out_of_scope') && u.asksForDecision && aboutThat && !hasFacts(u.facts) && words <= FOLLOW_UP_MAX_WORDS) return prev.intent;
    // "Shipping is planned for December. Do we need the Chinese side to have a licence?": whether a licence is needed at
    // all, naming no goods and no new cooperation, is the question under discussion asked again.
    if ((u.intent === 'license_process' || u.intent === 'regulation_info' || u.intent === 'out_of_scope') && asksWhetherLicenceNeeded(text) && !namesGoods
      && (!u.facts.collaboration?.kind || prev.intent === 'collaboration_license')) return prev.intent;
    // "… only an e-mail report to MOFCOM. So we can ship now?": a yes/no question whether to move the goods under
    // discussion, naming none and no cooperation, asks that question again with whatever the turn adds. So does a short
    // turn that says when they move and asks only whether it still holds ("The next lot goes in December. Still fine?").
    if ((u.intent === 'license_process' || u.intent === 'regulation_info') && u.asksForDecision && !namesGoods && !u.facts.collaboration?.area
      && prev.intent !== 'collaboration_license' && (SHIPMENT_WORDS.test(lastSentence(text)) || (words <= FOLLOW_UP_MAX_WORDS && SHIPMENT_WORDS.test(text)))) return prev.intent;
    // "The customer makes radar units for the navy. Can we keep shipping under a new licence?": a yes/no question that
    // adds who buys, where to or what for, naming no goods and no cooperation, asks the question under discussion
    // again with what it adds, however much of its wording is about licences.
    // So does one that says the goods came under an end user's commitment ("Note our company was named end user on the
    // original licence. So we can ship without anything?").
    const addsParties = u.facts.endUser !== undefined || (u.facts.endUses?.length ?? 0) > 0 || u.facts.destination !== undefined || u.facts.endUserCommitment === true;
    if ((u.intent === 'license_process' || u.intent === 'regulation_info') && u.asksForDecision && addsParties && !namesGoods
      && !u.facts.collaboration?.kind && prev.intent !== 'collaboration_license') return prev.intent;
    // "The line is for making our own NdFeB rotor magnets": after a cooperation question, a short statement that the
    // goods it names are what the work makes (a rare-earth processing use) says what the cooperation is for.
    if (prev.intent === 'collaboration_license' && !text.includes('?') && (u.facts.endUses ?? []).includes('rare_earth_processing')
      && words <= FOLLOW_UP_MAX_WORDS) return prev.intent;
    // "It's NdFeB sintered magnets, the line is for our own servo motors": after a cooperation question, a short statement
    // that opens on a pronoun and a copula says what the work under discussion concerns; naming no place and no move
    // of goods, it starts no shipment question.
    const pronounIsSomething = opener !== undefined && PRONOUN_OPENERS.has(opener) && (opener.endsWith("'s") || opener.endsWith("'re") || COPULAS.has(subject ?? ''));
    if (prev.intent === 'collaboration_license' && !text.includes('?') && pronounIsSomething && words <= FOLLOW_UP_MAX_WORDS && !SHIPMENT_WORDS.test(text)
      && u.facts.destination === undefined && u.facts.shipFrom === undefined) return prev.intent;
    // "Actually the magnets go loose": a correction of the goods under discussion stays a goods question.
    if (u.frame.correction && u.facts.item && !u.facts.collaboration && prev.intent !== 'collaboration_license') return prev.intent;
    // "It's for their 280-layer V-NAND lines": a short statement about the goods under discussion, naming no other
    // item and no kind of cooperation, adds to that question.
    const aboutThem = PRONOUN_OPENERS.has(text.trim().split(/\s+/)[0]?.toLowerCase().replace(/[^a-z']/g, '') ?? '');
    if (aboutThem && hasFacts(u.facts) && !text.includes('?') && !namesGoods && !u.facts.collaboration?.kind && words <= FOLLOW_UP_MAX_WORDS * 2 && u.intent !== 'talk_to_human') return prev.intent;
    // A statement of facts after a decision ("End customer is a missile division."), asking nothing new: it adds to
    // the question under discussion, whatever the classifier makes of its words.
    // (An instrument named in it, "Civil EV motors only. The customer asks if the new Japan rule stops it.", does not make
    // it a question about that instrument when it says who uses the goods or where they go.)
    if (!DECISION_INTENTS.has(u.intent) && u.intent !== 'talk_to_human' && hasFacts(u.facts) && !text.includes('?') && (u.signals.references.sources.length === 0 || addsParties)) return prev.intent;
    // "Supplier says India applications are not accepted.": a claim reported after a decision, asking nothing and naming
    // no other goods or cooperation, bears on the question under discussion, which is decided again with the claim
    // weighed against the rules.
    if (!DECISION_INTENTS.has(u.intent) && u.intent !== 'talk_to_human' && !text.includes('?') && u.frame.claims.length > 0 && !namesGoods
      && !u.facts.collaboration?.kind && words <= FOLLOW_UP_MAX_WORDS * 2) return prev.intent;
    // So is a statement about "it" that the classifier reads as procedure ("We bought it under their No. 18 licence; the
    // end-user certificate named us as end user."): it says how the goods under discussion were bought.
    if ((u.intent === 'license_process' || u.intent === 'regulation_info') && refersBack && !text.includes('?') && !namesGoods && !u.facts.collaboration?.kind
      && words > FOLLOW_UP_MAX_WORDS / 2) return prev.intent;
    // "Delivery is planned for next week.": a short statement about moving the goods under discussion adds to it,
    // though it names no fact the rules read (a lasagne recipe names no shipment and stays out of scope).
    if (!DECISION_INTENTS.has(u.intent) && u.intent !== 'talk_to_human' && !text.includes('?') && words <= FOLLOW_UP_MAX_WORDS && SHIPMENT_WORDS.test(text)) return prev.intent;
    // "It's a gift, no invoice: does that change anything?": asks whether the answer just given still holds, so the
    // question under discussion is decided again with whatever the turn adds.
    if (u.intent !== 'talk_to_human' && !u.facts.item && !u.facts.collaboration?.kind && words <= FOLLOW_UP_MAX_WORDS * 2 && BEARING_QUESTIONS.test(text)) return prev.intent;
    return u.intent;
  }

  private decide(message: Message, intent: Intent, u: Understanding, stated: Facts, asOf: string, prev: ConversationState | undefined, text: string, shipOn?: string, shipUntil?: string): Reply {
    // Goods sold from stock or through a distributor may sit anywhere: their route is asked, never assumed.
    const assume = routeAssumption(u, [...(prev?.turns ?? []), text]);
    const firstGoods = this.decideForShipment(intent, stated, asOf, shipOn, assume, shipUntil);
    // Several loose goods named ("Er-doped fibre and Ho:YAG rods"): the order is as strict as its strictest line, so each
    // is decided and the strictest answer given. Only stricter answers are taken, so this can never clear anything.
    // So are goods a follow-up adds to the ones asked about before when it asks of them together ("And also Er-doped
    // fibre. Which of these needs a licence?"): the goods of the earlier turn are one more line.
    const earlierItem = prev?.facts.item;
    const askedTogether = intent === 'part_license' && JOINT_GOODS_QUESTIONS.test(text) && earlierItem !== undefined && stated.item !== undefined
      && normaliseFacts({ item: earlierItem }) !== normaliseFacts({ item: stated.item }) ? [earlierItem] : [];
    const otherItems = intent === 'part_license' ? [...otherGoodsFacts(u.frame), ...askedTogether] : [];
    const lines = otherItems.map((item) => this.decideForShipment(intent, { ...stated, item }, asOf, shipOn, assume, shipUntil));
    const strictest = lines.reduce((a, b) => (strictness(b.decision.verdict) > strictness(a.decision.verdict) ? b : a), firstGoods);
    const { facts, decision, assumedOrigin, assumedMagnets, decidedFor, latestDay } = strictest;
    // (Not for a military user or use: 2026 No. 1 and the catch-all reach any dual-use item, so the rules decide.)
    // (Nor for a change from a licence held: the licence says the goods are controlled, whatever the message calls them.)
    if (intent === 'part_license' && !facts.item && u.signals.unknownObject && !prev && !militaryUse(facts) && facts.licenceChange === undefined) {
      return this.infoReply('out_of_scope', u.confidence, {
        headline: `"${u.signals.unknownObject}" is not something Lodestone's rules cover.`,
        reasons: [
          'Lodestone holds China\'s export controls on rare earths and related items (rare-earth metals, oxides, compounds, magnets, targets, equipment and technologies).',
          'If the goods contain rare earths or rare-earth magnets, tell me which and I will check.',
        ],
        citations: [],
        statusUnknown: false,
      }, asOf);
    }
    const reasons = decision.reasons.slice(0, MAX_REASONS);
    let verdict: ReplyVerdict = decision.verdict;
    let escalation: Escalation = { state: 'offered' };
    const extraReasons: string[] = [];
    // "It's process parameters for plasma-spraying Y2O3.": a reply to Lodestone's own questions that settles none of them
    // is one the rules cannot read. Asking the same again helps no one, so a compliance officer decides. (A reply that
    // settles some, "neodymium, N45, loose blocks", is asked about the rest.)
    const first = decision.missing[0];
    const missingNow = new Set(decision.missing.map((m) => m.label));
    const askedAgain = verdict === 'need_info' && first !== undefined && prev?.lastVerdict === 'need_info' && prev.intent === intent
      && prev.missing.length > 0 && prev.missing.every((label) => missingNow.has(label));
    if (askedAgain) {
      verdict = 'escalate';
      extraReasons.push(`Your reply did not settle what I asked (${first.label}), and asking again would not help: a compliance officer will look at it.`);
    }
    // A claim in the question is a fact to check against the rules, never a rule itself.
    if (u.frame.claims.length > 0 && verdict !== 'not_required') extraReasons.push(`You mention a claim ("${u.frame.claims[0]}"). The answer comes from the rules, not the claim; check it against them before relying on it.`);
    if (decidedFor) {
      extraReasons.push(latestDay
        ? `The goods may move as late as ${decidedFor}, when the rules differ from today's: this answer is for that day, with the announcements published by ${asOf}.`
        : `The goods move on or about ${decidedFor}, when the rules differ from today's: this answer is for that day, with the announcements published by ${asOf}.`);
    }
    if (strictest !== firstGoods) {
      const words = u.frame.otherItems?.[lines.indexOf(strictest)]?.words ?? describeItem(strictest.facts);
      extraReasons.push(`You name several goods; this answer is for the strictest of them${words ? ` ("${words}")` : ''}. The others alone would get: ${firstGoods.decision.verdict.replace('_', ' ')}. Ask about each on its own for a line-by-line answer.`);
    }
    if (assumedMagnets) extraReasons.push('What the goods are was not said; a dysprosium or terbium content in per cent is a magnet grade\'s, and read as magnets every path points to a licence or to compliance. If they are something else, say what and I will check again.');
    if (assumedOrigin) extraReasons.push(ASSUMED_ORIGIN_NOTE);
    // Chinese-made goods with no route said and no Chinese seller named may be in stock abroad already: what the rules
    // say of their re-export (No. 61 §1(3), in force or suspended on the day) is said beside the answer, which stays
    // the one for goods leaving China.
    const chineseSeller = u.frame.parties.some((p) => p.role === 'seller' && p.country === 'CN');
    const chineseUnrouted = !chineseSeller && stated.shipFrom === undefined && stated.heldAbroad !== true && stated.transitVia === undefined
      && (stated.madeIn === 'CN' || stated.item?.chinaOrigin === true) && decision.verdict !== 'need_info';
    const ifAbroad = chineseUnrouted ? evaluate(this.options.rules, { ...stated, heldAbroad: true }, asOf) : undefined;
    const abroad = ifAbroad ? abroadNote(ifAbroad, decision) : undefined;
    if (abroad) extraReasons.push(abroad);

    if (verdict === 'escalate' && this.options.cases) {
      const key = factsKey(facts);
      const precedent = this.options.cases.findPrecedent(key, decision.rulesVersion);
      if (precedent?.reusable) {
        verdict = precedent.decision;
        escalation = { state: 'resolved', caseId: precedent.caseId, note: 'Answered from a reusable compliance decision.' };
        extraReasons.push(`A compliance officer decided the same facts under the same rules version on ${precedent.decidedAt.slice(0, 10)} (case ${precedent.caseId}) and marked the decision reusable: ${precedent.decision.replace('_', ' ')}.`);
      } else {
        if (precedent) extraReasons.push(`A compliance officer decided the same facts on ${precedent.decidedAt.slice(0, 10)} (case ${precedent.caseId}: ${precedent.decision.replace('_', ' ')}), but did not mark it reusable, so this goes to compliance again.`);
        escalation = this.openCase(message, facts, decision, prev, text);
      }
    } else if (verdict === 'escalate') {
      escalation = { state: 'not_needed', note: NO_CASE_SERVICE_NOTE };
    }

    const nextSteps = [...decision.nextSteps];
    if (verdict === 'license_required') nextSteps.push(...this.controlCodeSteps(facts, decision));
    // "I heard the controls were suspended": the rules that decided this are not, and what was suspended is cited.
    const notSuspended = SUSPENSION_BELIEF.test(text) && (verdict === 'license_required' || verdict === 'prohibited')
      ? notAmongSuspended(this.options.rules, decision) : { reasons: [], citations: [] };
    extraReasons.push(...notSuspended.reasons);
    // An instrument the asker named that does not apply here is answered too: why not, and cited.
    const named = namedButNotApplying(this.options.rules, decision, u.signals.references.sources);
    // Each source once: the decision's first, then what these notes add.
    const added = [...notSuspended.citations, ...named.citations, ...(abroad && ifAbroad ? ifAbroad.citations : [])];
    const extraCitations = added.filter((c, i) => !decision.citations.some((d) => d.source === c.source) && added.findIndex((x) => x.source === c.source) === i);
    return {
      headline: headline(verdict, facts, decision),
      verdict,
      intent: { name: intent, confidence: u.confidence },
      reasons: [...extraReasons, ...reasons.slice(0, MAX_REASONS), ...named.reasons],
      citations: [...decision.citations, ...extraCitations],
      followUps: verdict === 'need_info' && first
        ? [{ fact: first.fact, question: this.followUpQuestion(decision), choices: first.choices }]
        : [],
      nextSteps,
      escalation,
      fired: decision.fired,
      missing: decision.missing.map((m) => m.label),
      disclaimer: disclaimer(decision.rulesVersion, asOf),
      rulesVersion: decision.rulesVersion,
      asOf,
      frame: u.frame,
      facts,
      readAs: { text: readAsText(facts, assumedOrigin), corrections: corrections(facts, decision) },
    };
  }

  /** The route, then what the goods are, each assumed only where the stricter answer follows (decideOnRoute). */
  private decideWithRoute(intent: Intent, stated: Facts, asOf: string, knownOn?: string, mayAssume: RouteAssumption = 'unsaid-or-chinese'): { facts: Facts; decision: Decision; assumedOrigin: boolean; assumedMagnets?: boolean } {
    const said = this.decideOnRoute(intent, stated, asOf, knownOn, mayAssume);
    // "Their 'low-Dy' grade tests at 0.08 % Dy": a Dy or Tb content in per cent, with nothing said of what the goods
    // are, is a magnet grade's (NdFeB grades hold up to about 10 % of them). Read as magnets, the stricter answer is
    // given and the reading said; like the route, it can never turn into "no licence".
    const item = stated.item;
    const heavy = (item?.elementsPresent ?? []).some((e) => e === 'Dy' || e === 'Tb');
    const percent = item?.heavyRareEarthPercent;
    if (mayAssume === 'none' || said.decision.verdict !== 'need_info' || intent === 'collaboration_license' || !item || item.form !== undefined || !heavy
      || percent === undefined || percent > MAGNET_GRADE_MAX_HEAVY_PERCENT) return said;
    const asMagnets = this.decideOnRoute(intent, { ...stated, item: { ...item, form: 'magnet' } }, asOf, knownOn, mayAssume);
    const v = asMagnets.decision.verdict;
    return v === 'license_required' || v === 'prohibited' || v === 'escalate' ? { ...asMagnets, assumedMagnets: true } : said;
  }

  /**
   * The route decides most goods questions. When it alone is missing and, read as leaving China, the answer is a
   * licence, a ban or a case for compliance, that stricter answer is given (and the assumption said), rather than a
   * question: it can never turn into "no licence", because only stricter verdicts are taken.
   */
  private decideOnRoute(intent: Intent, stated: Facts, asOf: string, knownOn?: string, mayAssume: RouteAssumption = 'unsaid-or-chinese'): { facts: Facts; decision: Decision; assumedOrigin: boolean } {
    const options = knownOn ? { knownOn } : {};
    const decision = evaluate(this.options.rules, stated, asOf, options);
    // Goods said to hold Chinese content or to be made with Chinese technology are made abroad: never assumed Chinese.
    const madeAbroadSaid = stated.item?.madeWithChineseTechnology === true || stated.item?.hasChineseContent === true;
    // "We got a quote for Chinese holmium-iron alloy": goods said to be Chinese, with no route said and not said to be
    // held abroad already, are assumed to leave China as any others are.
    const origin = stated.item?.chinaOrigin;
    const routeUnknown = stated.shipFrom === undefined && stated.madeIn === undefined && !madeAbroadSaid
      && (origin === undefined || (origin === true && stated.heldAbroad !== true && mayAssume === 'unsaid-or-chinese'));
    if (mayAssume === 'none' || decision.verdict !== 'need_info' || intent === 'collaboration_license' || !routeUnknown || !stated.item) return { facts: stated, decision, assumedOrigin: false };
    const assumed: Facts = { ...stated, shipFrom: 'CN' };
    const alt = evaluate(this.options.rules, assumed, asOf, options);
    if (alt.verdict === 'license_required' || alt.verdict === 'prohibited' || alt.verdict === 'escalate') return { facts: assumed, decision: alt, assumedOrigin: true };
    return { facts: stated, decision, assumedOrigin: false };
  }

  /**
   * A shipment on a later day is decided for that day too, with only what was published by the day asked (an
   * announced rule that will be in force; a suspension that will have ended). The stricter answer is given, so a
   * misread date can only make an answer more careful, never turn it into "no licence". A time said as a month or a
   * year ("next month") is checked on its last day too (`shipUntil`): a suspension that ends within it leaves the later
   * shipments uncovered.
   */
  private decideForShipment(intent: Intent, stated: Facts, asOf: string, shipOn: string | undefined, mayAssume: RouteAssumption = 'unsaid-or-chinese', shipUntil?: string): { facts: Facts; decision: Decision; assumedOrigin: boolean; assumedMagnets?: boolean; decidedFor?: string; latestDay?: boolean } {
    let chosen: ReturnType<Assistant['decideWithRoute']> & { decidedFor?: string; latestDay?: boolean } = this.decideWithRoute(intent, stated, asOf, undefined, mayAssume);
    for (const day of [shipOn, shipOn === undefined ? undefined : shipUntil]) {
      if (!day || day <= asOf) continue;
      const then = this.decideWithRoute(intent, stated, day, asOf, mayAssume);
      if (strictness(then.decision.verdict) > strictness(chosen.decision.verdict)) chosen = { ...then, decidedFor: day, ...(day === shipUntil ? { latestDay: true } : {}) };
    }
    return chosen;
  }

  /** The control codes of the listed items in question, saying which are only inferred. */
  private controlCodeSteps(facts: Facts, decision: Decision): string[] {
    const cited = new Set(decision.fired.filter((r) => r.contributes === 'license_required').flatMap((r) => this.options.rules.rules.find((x) => x.id === r.ruleId)?.sources.map((s) => s.id) ?? []));
    const elements = new Set<string>(facts.item?.elementsPresent ?? []);
    if (facts.item?.magnetType === 'smco') elements.add('Sm');
    const form = facts.item?.form;
    return this.options.rules.items
      .filter((i) => elements.has(i.element) && cited.has(i.source.id))
      .flatMap((i) => {
        const status = !i.confirmed ? 'inferred from the sequence, not confirmed in the official text; check before declaring it'
          : i.confirmedBy ? `confirmed by ${i.confirmedBy.id}${i.confirmedBy.article ? ` (${i.confirmedBy.article})` : ''}` : 'confirmed in the official text';
        const sub = i.subCodes.filter((c) => c.form === form)
          .map((c) => `Control code ${c.code} (${c.what}): ${c.confirmed ? `confirmed by ${c.source.id}` : 'not confirmed; check before declaring it'}.`);
        return [`Control code ${i.controlCode} (${i.element} items): ${status}.`, ...sub];
      });
  }

  /** One short question: the most important missing fact, and the second when they are usually asked together. */
  private followUpQuestion(decision: Decision): string {
    const [a, b] = decision.missing;
    if (!a) return '';
    if (b && a.fact.startsWith('item.') !== b.fact.startsWith('item.')) return `${a.question} ${b.question}`;
    return a.question;
  }

  private openCase(message: Message, facts: Facts, decision: Decision, prev: ConversationState | undefined, text: string): Escalation {
    const cases = this.options.cases;
    if (!cases) return { state: 'not_needed' };
    const turns = [...(prev?.turns ?? []), text].map((t) => ({ from: 'user' as const, text: t }));
    const result = cases.escalate({
      question: turns.map((t) => t.text).join('\n'),
      turns,
      facts,
      decision,
      replyTo: { ...(message.replyTo ?? {}), channel: message.channel, user: message.user, conversation: message.conversation },
      ...(message.userName ? { askerName: message.userName } : {}),
    });
    return {
      state: result.created ? 'opened' : 'existing',
      caseId: result.case.id,
      note: result.created
        ? `Case ${result.case.id} is with the compliance team; the decision will be posted here.`
        : `This question is already with the compliance team as case ${result.case.id}.`,
    };
  }

  private answerOther(message: Message, intent: Intent, u: Understanding, asOf: string, text: string, prev: ConversationState | undefined): Reply {
    switch (intent) {
      case 'regulation_info': {
        const answer = answerRegulation(this.options.rules, u.signals.references.sources, u.read, asOf, u.signals.references.controlCodes);
        // "Are Nos. 61 and 62 back in force?" on a day their status is unknown: unknown, so escalate (brief §9 ex. 25).
        if (answer.statusUnknown && STATUS_QUESTION.test(text)) return this.statusEscalation(message, u, answer, asOf, text, prev);
        return this.infoReply(intent, u.confidence, answer, asOf);
      }
      case 'license_process': {
        // Topics are read in the words understanding read ("质疑" is a customs challenge), earlier turns too.
        const earlier = (prev?.turns ?? []).slice(-DISCOURSE_TURNS).map((t) => this.options.understander.gloss(t));
        return this.infoReply(intent, u.confidence, answerProcess(this.options.rules, u.read, earlier), asOf);
      }
      case 'help':
        return this.infoReply(intent, u.confidence, { headline: 'I am Lodestone, the export-compliance assistant.', reasons: HELP_TEXT, citations: [], statusUnknown: false }, asOf);
      case 'out_of_scope':
        return this.infoReply(intent, u.confidence, { headline: 'That is outside what I can answer.', reasons: OUT_OF_SCOPE_TEXT, citations: [], statusUnknown: false }, asOf);
      case 'talk_to_human':
        return this.humanReply(message, u, asOf, text, prev);
      case 'part_license':
      case 'collaboration_license':
      case 'reexport_license':
        throw new Error(`decision intent ${intent} reached answerOther`);
      default:
        return assertNever(intent, 'intent');
    }
  }

  /**
   * "Which paperwork on the Chinese side for the SmCo magnets from Hangzhou?", "we hold a licence for Dy magnets to our
   * Polish plant; can the lot go to Czechia instead?": a question about procedure or the rules that names goods the rules
   * decide is answered as asked, and with the goods' verdict, since what the asker must do next rests on it. Only a
   * decided ban, or a licence asked about in a yes/no question or a change from a licence held, is added: "how long does
   * the licence for Dy magnets take?" already knows a licence is needed. Never a question back or a case for a question
   * that asked neither, so the procedure answer stays the reply whenever the goods are not fully known.
   */
  private withGoodsDecided(message: Message, info: Reply, u: Understanding, prev: ConversationState | undefined, asOf: string, text: string): Reply {
    if (info.verdict !== 'none' || u.foreignRegime) return info;
    const { asOf: _a, ...said } = u.facts;
    const carried = prev && hasFacts(prev.facts) ? mergeFacts(prev.facts, said) : said;
    // A change from what a licence held names is asked about whatever the goods are: it needs a new application (art. 18).
    const change = u.facts.licenceChange !== undefined;
    if (!namesItem(carried.item) && !change) return info;
    const facts = scopeFacts('part_license', carried);
    const shipOn = resolveShipDate(u.frame.shipWhen, asOf);
    const { decision, facts: decided, assumedOrigin } = this.decideForShipment('part_license', facts, asOf, shipOn, routeAssumption(u, [...(prev?.turns ?? []), text]), resolveShipSpanEnd(u.frame.shipWhen, asOf));
    // "NdFeB with 2 % Gd, no Dy or Tb. Is that under No. 18?": goods the rules cannot settle, asked about yes or no, go to
    // compliance as a decision question's would.
    const unsettled = decision.verdict === 'escalate' && u.asksForDecision;
    if (!(decision.verdict === 'prohibited' || (decision.verdict === 'license_required' && (u.asksForDecision || change)) || unsettled)) return info;
    const cited = new Set(info.citations.map((c) => `${c.source} ${c.article ?? ''}`));
    const escalation: Escalation = !unsettled ? info.escalation : this.options.cases ? this.openCase(message, decided, decision, prev, text)
      : { state: 'not_needed', note: NO_CASE_SERVICE_NOTE };
    return {
      ...info,
      headline: headline(decision.verdict, decided, decision),
      verdict: decision.verdict,
      reasons: [...info.reasons, ...decision.reasons.slice(0, MAX_REASONS),
        ...(assumedOrigin ? [ASSUMED_ORIGIN_NOTE] : []), ...(unsettled && escalation.note ? [escalation.note] : [])],
      citations: [...info.citations, ...decision.citations.filter((c) => !cited.has(`${c.source} ${c.article ?? ''}`))],
      nextSteps: [...info.nextSteps, ...decision.nextSteps],
      escalation,
      fired: decision.fired,
      disclaimer: disclaimer(decision.rulesVersion, asOf),
      rulesVersion: decision.rulesVersion,
      facts: decided,
      readAs: { text: readAsText(decided, assumedOrigin), corrections: corrections(decided, decision) },
    };
  }

  /** A question whether a rule is in force on a day the rules data cannot say: the answer so far, and a case. */
  private statusEscalation(message: Message, u: Understanding, a: InformationAnswer, asOf: string, text: string, prev: ConversationState | undefined): Reply {
    const why = 'Whether these rules apply today is unknown in the rules data: a compliance officer must confirm it.';
    const escalation = this.escalateAsked(message, prev?.facts ?? {}, [why, ...a.reasons], asOf, prev, text);
    return this.ruleFreeReply(asOf, {
      headline: 'Unknown today: a compliance officer needs to confirm it.',
      verdict: 'escalate',
      intent: { name: 'regulation_info', confidence: u.confidence },
      reasons: [why, ...a.reasons, ...(escalation.note ? [escalation.note] : [])],
      citations: a.citations,
      nextSteps: ['Do not rely on either reading (in force or still suspended) until compliance confirms it.'],
      escalation,
    });
  }

  /** Opens a case for a question the rules cannot settle, with the rules' reading of its facts after `why`. */
  private escalateAsked(message: Message, facts: Facts, why: readonly string[], asOf: string, prev: ConversationState | undefined, text: string): Escalation {
    if (!this.options.cases) return { state: 'not_needed', note: NO_CASE_SERVICE_NOTE };
    const decision = evaluate(this.options.rules, facts, asOf);
    return this.openCase(message, facts, { ...decision, verdict: 'escalate', reasons: [...why, ...decision.reasons] }, prev, text);
  }

  private humanReply(message: Message, u: Understanding, asOf: string, text: string, prev: ConversationState | undefined): Reply {
    const facts = prev?.facts ?? scopeFacts('part_license', u.facts);
    const escalation = this.escalateAsked(message, facts, ['The asker asked to talk to compliance.'], asOf, prev, text);
    return this.ruleFreeReply(asOf, {
      headline: 'I am passing this to the compliance team.',
      verdict: 'escalate',
      intent: { name: 'talk_to_human', confidence: u.confidence },
      reasons: [
        escalation.note ?? 'A compliance officer will reply in this conversation.',
        prev ? `They will see this conversation about ${describeItem(prev.facts)}.` : 'Add the details of your question here so the officer has them.',
      ],
      citations: [],
      nextSteps: [],
      escalation,
    });
  }

  private infoReply(intent: Intent, confidence: number, a: InformationAnswer, asOf: string, inputNote?: string): Reply {
    const reply = this.ruleFreeReply(asOf, {
      headline: a.headline,
      verdict: 'none',
      intent: { name: intent, confidence },
      reasons: a.reasons,
      citations: a.citations,
      nextSteps: a.statusUnknown ? ['The status on this date is unknown in the rules data: ask compliance before relying on it.'] : [],
      escalation: { state: 'not_needed' },
    });
    return inputNote ? { ...reply, inputNote } : reply;
  }

  /** A reply no rule evaluation produced (information, a request for a person, an unknown status): nothing fired or missing. */
  private ruleFreeReply(asOf: string, parts: Pick<Reply, 'headline' | 'verdict' | 'intent' | 'reasons' | 'citations' | 'nextSteps' | 'escalation'>): Reply {
    return {
      ...parts,
      followUps: [],
      fired: [],
      missing: [],
      disclaimer: disclaimer(this.options.rules.version, asOf),
      rulesVersion: this.options.rules.version,
      asOf,
    };
  }
}
