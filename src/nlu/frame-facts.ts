/**
 * The one place facts for the rules are derived from a frame. The rules see only facts; everything the frame
 * holds beyond them (the words, parties, activity, claims) is for the reply and the officer.
 */
import type { Frame } from '../contracts/frame.js';
import type { Facts, ItemFacts } from '../rules/facts.js';

/** The largest share of value that says Chinese content is a part of goods made elsewhere (No. 61's 50 % rule). */
const MINORITY_SHARE = 50;

export function factsFromFrame(frame: Frame): Facts {
  const facts: Facts = {};
  const { madeIn, shipFrom, shipTo, transitVia } = frame.places;
  // Chinese goods resold from stock that was bought in ("we bought Chinese-origin targets and now resell part of the
  // stock"): they left China already, so where they were made is no route; where the stock is stays to ask.
  const resoldFromStock = frame.activity === 'resell_from_stock' && !shipFrom && madeIn === 'CN';
  if (madeIn && !resoldFromStock) facts.madeIn = madeIn;
  // "Our Korean magnet vendor uses sintering technology licensed from a Chinese company": goods made abroad with
  // Chinese technology, by whoever sends them from abroad, were made where they leave from.
  else if (!madeIn && frame.chineseContent.technology === true && shipFrom && shipFrom !== 'CN') facts.madeIn = shipFrom;
  if (shipFrom) facts.shipFrom = shipFrom;
  if (shipTo) facts.destination = shipTo;
  if (transitVia) facts.transitVia = transitVia;
  if (frame.evasion) facts.evasionProposed = true;
  if (frame.exportedWithoutLicence) facts.exportedWithoutLicence = true;
  if (frame.mofcomNotice) facts.mofcomNotice = true;
  if (frame.licenceHeld) facts.licenceHeld = frame.licenceHeld;
  if (frame.licenceChange) facts.licenceChange = frame.licenceChange;
  if (frame.activity === 'exhibit') facts.exportOccasion = 'exhibition';
  if (frame.activity === 'hand_carry') facts.exportOccasion = 'hand_carry';
  if (!facts.exportOccasion && frame.gift) facts.exportOccasion = 'gift';
  if (!facts.exportOccasion && frame.returnAfterRepair) facts.exportOccasion = 'return_after_repair';
  if (frame.endUserCommitment) facts.endUserCommitment = true;
  if (frame.acquiredYear !== undefined) facts.acquiredYear = frame.acquiredYear;
  if (frame.acquiredBeforeControls) facts.acquiredBeforeControls = true;

  const item: ItemFacts = {};
  const fi = frame.item;
  if (fi) {
    if (fi.elementsPresent?.length) item.elementsPresent = [...fi.elementsPresent];
    if (fi.elementsAbsent?.length) item.elementsAbsent = [...fi.elementsAbsent];
    if (fi.compositionComplete) item.compositionComplete = true;
    if (fi.traceImpurityOnly !== undefined) item.traceImpurityOnly = fi.traceImpurityOnly;
    if (fi.heavyRareEarthLikely) item.heavyRareEarthLikely = true;
    if (fi.besideProduct !== undefined) item.besideProduct = fi.besideProduct;
    if (fi.productionLine) item.productionLine = true;
    if (fi.heavyRareEarthPercent !== undefined) item.heavyRareEarthPercent = fi.heavyRareEarthPercent;
    if (fi.form) item.form = fi.form;
    if (fi.magnetType) item.magnetType = fi.magnetType;
    if (fi.downstream) item.downstream = fi.downstream;
    if (fi.sector) item.sector = fi.sector;
    if (fi.hsCode) item.hsCode = fi.hsCode;
    if (fi.controlCode && /^\d[A-E]\d{3}(\.[a-z](\.\d+)?)?$/.test(fi.controlCode)) item.controlCode = fi.controlCode;
  }
  const c = frame.chineseContent;
  if (c.origin !== undefined) item.chinaOrigin = c.origin;
  if (resoldFromStock) item.chinaOrigin = true;
  // Chinese-origin goods resold from stock, or received under a Chinese licence naming the asker as end user, are
  // already outside China wherever the stock is (brief §9 example 12: "our Dutch warehouse resells Chinese-origin Tb
  // oxide"). Said where they leave from, that place decides.
  const chineseOrigin = resoldFromStock || c.origin === true;
  if (!shipFrom && chineseOrigin && (frame.activity === 'resell_from_stock' || frame.endUserCommitment === true)) facts.heldAbroad = true;
  if (c.percentOfValue !== undefined) item.chineseContentPercent = c.percentOfValue;
  // "Dy magnets from Vietnam, Chinese Dy about 2 % of value": goods whose Chinese content is a share of their value were
  // made elsewhere, so they are not themselves of Chinese origin (brief §9 example 13), unless said to be. Only a
  // minority share: a larger figure is as likely a purity or a grade read as a share ("purity below 99.9 %").
  if (c.origin === undefined && !resoldFromStock && c.percentOfValue !== undefined && c.percentOfValue <= MINORITY_SHARE) item.chinaOrigin = false;
  if (c.present !== undefined) item.hasChineseContent = c.present;
  if (c.partsMadeInChina !== undefined) item.chineseMadeParts = c.partsMadeInChina;
  if (c.technology !== undefined) item.madeWithChineseTechnology = c.technology;
  if (Object.keys(item).length > 0) facts.item = item;

  const listed = frame.parties.flatMap((p) => (p.listed ? [{ ...p.listed, words: p.words ?? p.listed.entry }] : []));
  // "TDK is now on some watch list": the list words name the list the screened party is on. A party only on the watch
  // list is no control-list (and so no military) end user: its goods need a single licence (brief R24), not a ban.
  const onlyWatchListed = listed.length > 0 && listed.every((l) => l.list === 'watch');
  if (frame.endUser && !(frame.endUser === 'control_list' && onlyWatchListed)) facts.endUser = { kind: frame.endUser };
  const lists = [...new Set(listed.filter((l) => l.match === 'exact').flatMap((l) => l.sources))];
  const nearLists = [...new Set(listed.filter((l) => l.match !== 'exact').flatMap((l) => l.sources))];
  if (listed.length > 0) {
    facts.endUser = {
      ...facts.endUser,
      ...(lists.length > 0 ? { lists } : {}),
      ...(nearLists.length > 0 ? { nearLists } : {}),
      parties: listed.slice(0, 20).map((l) => ({ written: l.words, entry: l.entry, name: l.name, match: l.match })),
    };
  }
  if (frame.endUses.length > 0) facts.endUses = [...frame.endUses];
  // A listed party receives the goods when no other destination is said.
  const listedParty = frame.parties.find((p) => p.listed);
  if (listedParty?.country && !facts.destination) facts.destination = listedParty.country;
  const defence = frame.parties.find((p) => p.defence);
  if (defence?.country && !facts.destination) facts.destination = defence.country;
  // "Polish motor maker supplying a US DoD program": the forces named are the end user's country, wherever this leg goes.
  if (defence?.country && facts.endUser) facts.endUser = { ...facts.endUser, country: defence.country };
  if (frame.technology && (frame.technology.kind || frame.technology.area || frame.technology.chineseProvider || frame.technology.publicOrBasicResearch)) facts.collaboration = { ...frame.technology };
  if (frame.asOf) facts.asOf = frame.asOf;
  return facts;
}

/** The item facts of each other loose goods the message names, with everything else the frame says of the goods. */
export function otherGoodsFacts(frame: Frame): ItemFacts[] {
  return (frame.otherItems ?? []).flatMap((other) => factsFromFrame({ ...frame, item: other, otherItems: [] }).item ?? []);
}
