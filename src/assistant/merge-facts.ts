/**
 * Facts add up across the turns of a conversation. A later turn fills what was missing and overrides what it
 * contradicts; when it names a different item (another form or other elements), the old item's details go.
 */
import { isPeopleWork, MATERIAL_FORMS, type Facts, type ItemFacts } from '../rules/facts.js';

function sameItem(a: ItemFacts, b: ItemFacts): boolean {
  // "Sorry, they are actually ferrite": another magnet family is another item.
  if (a.magnetType && b.magnetType && a.magnetType !== b.magnetType) return false;
  if (a.form && b.form && a.form !== b.form) {
    // A follow-up may refine the form of the same thing ("they're magnet blocks" after "magnets").
    const magnetLike = (f: string) => f === 'magnet' || f === 'magnet_powder';
    // "The magnets inside contain Dy" after "servo motors": the magnets of the product named before.
    const partsOfProduct = b.downstream === 'other_assembly' && (a.form === 'finished_product' || a.form === 'component');
    if (!(magnetLike(a.form) && magnetLike(b.form)) && !partsOfProduct) return false;
  }
  const ae = a.elementsPresent ?? [];
  const be = b.elementsPresent ?? [];
  const controlled = (e: string) => ['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y', 'Ho', 'Er', 'Tm', 'Eu', 'Yb'].includes(e);
  const ac = ae.filter(controlled);
  const bc = be.filter(controlled);
  // Both name controlled elements, and they differ, and the new turn also names a form: a new item.
  return !(ac.length > 0 && bc.length > 0 && b.form !== undefined && !bc.some((e) => ac.includes(e)));
}

function mergeItem(prev: ItemFacts | undefined, next: ItemFacts | undefined, goodsMoved = false): ItemFacts | undefined {
  if (!next) return prev;
  if (!prev) return next;
  // "They go into EPS motors": the goods named before go into a product. Said of magnets or material, they are bare
  // goods beside a product; said of a product, it is the product's own use, and the product stays as it was.
  if (Object.keys(next).length === 1 && next.besideProduct === true && (prev.form === 'finished_product' || prev.form === 'component')) return prev;
  // "The sintering furnaces and process package were bought from a Chinese maker in 2022" after the plant's magnets:
  // equipment read as the Chinese technology goods are made with is how the goods named before are made, not new goods.
  if (next.form === 'equipment' && next.madeWithChineseTechnology === true && prev.form !== undefined && prev.form !== 'equipment') {
    return { ...prev, madeWithChineseTechnology: true };
  }
  // "Dy magnets from our Chinese plant to a Japanese automaker" then "Civil EV motors only": a product named later,
  // with nothing of its own make-up, after magnets described by theirs, is what those magnets go into, not new goods
  // (a correction, "sorry, they ship built into motors", replaces the item before this is reached).
  // So is one named after material or crystals described by theirs ("Can we buy Tb oxide from Fujian?" then "destination
  // is our factory in Germany, civil e-bike motors"): the material goes into it.
  const describedGoods = prev.form !== undefined && MATERIAL_FORMS.includes(prev.form) && hasMakeUp(prev);
  // Not one the turn sells or ships ("they sell the finished motors to a Mexican OEM"): those are the goods now.
  // A product said made abroad and not moved ("loose rings, we assemble them into the motor here in Taiwan") is where
  // the magnets go too.
  if (describedGoods && isProduct(next) && !goodsMoved && !hasMakeUp(next) && next.chinaOrigin !== true && next.hasChineseContent === undefined) return prev;
  if (!sameItem(prev, next)) {
    // "We also put 20 spare magnets in the crate" after motors with SmCo magnets: magnets named without their make-up,
    // after a product whose magnets were described, are those magnets.
    const bareMagnets = (next.form === 'magnet' || next.form === 'magnet_powder') && !hasMakeUp(next);
    const productWithMagnets = (prev.form === 'finished_product' || prev.form === 'component') && hasMakeUp(prev);
    return bareMagnets && productWithMagnets ? { ...pickMakeUp(prev), ...next } : next;
  }
  const merged: ItemFacts = { ...prev, ...next };
  // "The magnets are glued in" after "rotors": the generic assembly a later turn reads keeps the product named before.
  if (next.downstream === 'other_assembly' && prev.downstream) {
    merged.downstream = prev.downstream;
    if (prev.form) merged.form = prev.form;
  }
  const present = new Set([...(prev.elementsPresent ?? []), ...(next.elementsPresent ?? [])]);
  const absent = new Set([...(prev.elementsAbsent ?? []), ...(next.elementsAbsent ?? [])]);
  // What the later turn says wins: an element it names as present is no longer absent, and the other way round.
  for (const e of next.elementsPresent ?? []) absent.delete(e);
  for (const e of next.elementsAbsent ?? []) present.delete(e);
  if (present.size) merged.elementsPresent = [...present];
  else delete merged.elementsPresent;
  if (absent.size) merged.elementsAbsent = [...absent];
  else delete merged.elementsAbsent;
  return merged;
}

function hasMakeUp(item: ItemFacts): boolean {
  return item.magnetType !== undefined || (item.elementsPresent?.length ?? 0) > 0 || (item.elementsAbsent?.length ?? 0) > 0;
}

/** What an item is made of, without how it is shipped. */
function pickMakeUp(item: ItemFacts): ItemFacts {
  const out: ItemFacts = {};
  if (item.elementsPresent) out.elementsPresent = item.elementsPresent;
  if (item.elementsAbsent) out.elementsAbsent = item.elementsAbsent;
  if (item.magnetType) out.magnetType = item.magnetType;
  if (item.compositionComplete !== undefined) out.compositionComplete = item.compositionComplete;
  if (item.heavyRareEarthPercent !== undefined) out.heavyRareEarthPercent = item.heavyRareEarthPercent;
  if (item.heavyRareEarthLikely !== undefined) out.heavyRareEarthLikely = item.heavyRareEarthLikely;
  return out;
}

export interface MergeOptions {
  /** The turn corrects the previous one ("sorry, they are actually ferrite"). */
  readonly correction?: boolean;
  /** The turn describes magnets named again ("The magnets come from Ningbo and contain Dy"): see partsOfProduct. */
  readonly refersBack?: boolean;
  /** The turn says where the goods leave from ("from Xiamen"), rather than naming a site ("our factory in Germany"). */
  readonly routeSaid?: boolean;
  /**
   * The turn passes the goods on ("now a UK customer wants 200 kg from our stock", "can we later sell some to our
   * affiliate in Thailand?"): goods bought in from China leave again from where they went.
   */
  readonly onward?: boolean;
  /** The turn brings goods back ("then we want the separated Dy oxide shipped back to Brazil"). */
  readonly comesBack?: boolean;
  /** The turn's goods are sent to the asker from no place said ("later they'd send us new magnets"). */
  readonly sentToAsker?: boolean;
  /** The turn's goods are governed by a verb of selling or shipping ("they sell the finished motors to Mexico"). */
  readonly goodsMoved?: boolean;
}

const isProduct = (item: ItemFacts | undefined) => item?.downstream !== undefined && (item.form === 'finished_product' || item.form === 'component');

/**
 * "We assemble traction motors in Pune …" then "The magnets come from Ningbo and contain Dy, 4 % of the motor value":
 * the magnets are the product's parts. The product stays the goods, with their make-up; where the magnets come from
 * is Chinese content of the product, not the product's route.
 */
function partsOfProduct(prev: Facts, next: Facts): Facts {
  const product = prev.item as ItemFacts;
  const parts = next.item ?? {};
  // What the parts or inputs hold, the product holds; their own completeness says nothing of the product's.
  const elements = [...new Set([...(product.elementsPresent ?? []), ...(parts.elementsPresent ?? [])])];
  const item: ItemFacts = { ...product, ...(elements.length > 0 ? { elementsPresent: elements } : {}) };
  // ("… the Chinese part is maybe 2 % of the machine value": Chinese content said as such is the product's too.)
  const fromChina = next.shipFrom === 'CN' || next.madeIn === 'CN' || parts.chinaOrigin === true || parts.hasChineseContent === true;
  if (fromChina && product.chinaOrigin !== true) {
    item.hasChineseContent = true;
    if (parts.chineseContentPercent !== undefined) item.chineseContentPercent = parts.chineseContentPercent;
  }
  const { shipFrom: _s, madeIn: _m, item: _i, ...rest } = next;
  return { ...mergeFacts(prev, rest), item };
}

export function mergeFacts(prev: Facts, next: Facts, options: MergeOptions = {}): Facts {
  // Goods made outside China (a product, or magnets a plant abroad makes) take what a later turn says of their parts or inputs.
  const madeAbroad = prev.item !== undefined && prev.madeIn !== undefined && prev.madeIn !== 'CN';
  if (options.refersBack && !options.correction && (isProduct(prev.item) || madeAbroad)) return partsOfProduct(prev, next);
  const merged: Facts = { ...prev, ...next };
  // Safety: goods said to leave China stay leaving China when a later turn only names a site of the asker's ("the
  // destination is our factory in Germany"); only a route said as such, or a correction, moves them.
  // Only for the same goods: other goods named ("our Dutch warehouse resells Tb oxide") come with their own route.
  // So are the goods named before when the turn's product is only what they go into ("we assemble them into the motor
  // here in Malaysia"): the item stays theirs, and where the product is made is where they go.
  const mergedItem = mergeItem(prev.item, next.item, options.goodsMoved === true);
  const intoProduct = prev.item !== undefined && next.item !== undefined && !options.correction && mergedItem === prev.item && isProduct(next.item);
  const sameGoods = next.item === undefined || intoProduct || (prev.item !== undefined && sameItem(prev.item, next.item));
  if (intoProduct && next.madeIn !== undefined && next.madeIn !== prev.madeIn) {
    merged.destination = next.destination ?? next.madeIn;
    if (prev.madeIn !== undefined) merged.madeIn = prev.madeIn;
    else delete merged.madeIn;
    if (!options.routeSaid && next.shipFrom === next.madeIn) {
      if (prev.shipFrom !== undefined) merged.shipFrom = prev.shipFrom;
      else delete merged.shipFrom;
    }
  }
  // A correction of what the goods are ("actually the magnets come loose and our plant in Sweden glues them in") is
  // about the same shipment: only a route said as such moves it.
  // (So are goods a first turn named only by a word the rules do not read: "we need catalyst from China", then "it
  // contains yttrium, we calcine it here".)
  const routeKept = prev.shipFrom === 'CN' && next.shipFrom !== undefined && next.shipFrom !== 'CN' && !options.routeSaid
    && (sameGoods || prev.item === undefined || options.correction === true);
  if (routeKept) {
    merged.shipFrom = 'CN';
    // Where the corrected goods are worked on, or the corrected buyer sits ("the buyer is actually a subsidiary in
    // South Africa"), is where they go, not where they were made or leave from.
    if (options.correction) {
      const workedOnAbroad = next.madeIn !== undefined && next.madeIn !== 'CN' ? next.madeIn : undefined;
      if (workedOnAbroad !== undefined) delete merged.madeIn;
      if (next.destination === undefined) merged.destination = workedOnAbroad ?? next.shipFrom;
    }
  }
  // Goods that came from China to the asker and now go on to someone else: the new leg starts where the first ended,
  // and the goods are Chinese-origin (what the rules on re-export and the end-user certificate read).
  // (A first turn that named no goods, "our supplier asks us for an end-user certificate", is about the same goods.)
  const onwardLeg = options.onward === true && !options.correction && (sameGoods || prev.item === undefined) && prev.shipFrom === 'CN' && prev.destination !== undefined && prev.destination !== 'CN'
    && next.shipFrom === undefined && next.destination !== undefined && next.destination !== prev.destination;
  // "It's only for a calibration test, the magnets go back to China after 2 weeks": goods said to return to where they
  // left from describe a temporary export; the way out is still the shipment asked about.
  // (Whether or not the turn was read as passing the goods on.)
  const returnTrip = !options.correction && (sameGoods || next.item === undefined) && prev.shipFrom === 'CN' && prev.destination !== undefined && prev.destination !== 'CN'
    && next.shipFrom === undefined && next.destination === 'CN';
  // "Our Vietnamese sister company buys Dy oxide from China and makes magnets" then "they sell part of the output to
  // Mexico; Chinese Dy is 3 % of the magnet value": other goods, holding the first turn's Chinese goods as a share of
  // their value, were made where those went, and leave from there.
  // ("A Vietnam contract manufacturer builds the motors with Chinese Dy magnets": Chinese-made goods with a place abroad
  // to go to left China, though no route was said.)
  const leftChina = prev.shipFrom === 'CN' || (prev.shipFrom === undefined && prev.madeIn === 'CN');
  const madeFromThem = !sameGoods && !options.correction && next.item?.hasChineseContent === true && next.item.chinaOrigin !== true
    && next.item.chineseContentPercent !== undefined && leftChina && prev.destination !== undefined && prev.destination !== 'CN'
    && next.shipFrom === undefined && next.madeIn === undefined;
  if (madeFromThem) {
    merged.shipFrom = prev.destination;
    merged.madeIn = prev.destination;
  }
  if (returnTrip) merged.destination = prev.destination;
  else if (onwardLeg) merged.shipFrom = prev.destination;
  // Goods sent into China for processing or repair, then brought back: the way back leaves China, to where they came
  // from unless the turn says otherwise, and what comes out of the processing was made there.
  const backFromChina = options.comesBack === true && !options.correction && prev.destination === 'CN' && next.shipFrom !== 'CN';
  if (backFromChina) {
    merged.shipFrom = 'CN';
    merged.destination = next.destination !== undefined && next.destination !== 'CN' ? next.destination : prev.shipFrom ?? prev.madeIn;
    delete merged.madeIn;
    if (merged.destination === undefined) delete merged.destination;
  }
  // "We ship our scrap Dy magnets to the recycler from our US plant" then "later they'd send us new magnets": goods
  // a later turn has sent to the asker arrive where the first left from, from a place the turn does not say.
  const sentHere = options.sentToAsker === true && !options.correction && !backFromChina && next.item !== undefined
    && next.shipFrom === undefined && next.madeIn === undefined && prev.shipFrom !== undefined && prev.shipFrom !== 'CN';
  if (sentHere) {
    merged.destination = next.destination ?? prev.shipFrom;
    delete merged.shipFrom;
    delete merged.madeIn;
  }
  // A correction that names an item replaces the old item whole ("sorry, they are actually ferrite").
  // A correction that only changes how the goods go ("actually the magnets go loose") keeps what they are made of.
  const keepsMakeUp = next.item !== undefined && !next.item.elementsPresent?.length && !next.item.elementsAbsent?.length && next.item.magnetType === undefined;
  const item = options.correction && next.item?.form
    ? (keepsMakeUp && prev.item ? { ...pickMakeUp(prev.item), ...next.item } : next.item)
    : mergedItem;
  // So do goods said made in China ("China-origin Tb oxide") when a later turn names a site of the asker's ("the
  // certificate names our Dutch plant as end user"): only a correction says they were made elsewhere.
  const madeInChina = prev.madeIn === 'CN' || prev.item?.chinaOrigin === true;
  if (madeInChina && !options.correction && sameGoods) {
    if (next.madeIn !== undefined && next.madeIn !== 'CN') merged.madeIn = prev.madeIn ?? 'CN';
    if (item && next.item?.chinaOrigin === false && prev.item?.chinaOrigin === true) item.chinaOrigin = true;
  }
  if (item && onwardLeg && !returnTrip) item.chinaOrigin = true;
  // "We keep Dy2O3 from Baotou in our Kobe warehouse" then "a Korean customer wants 50 kg; OK to ship from Japan?": the
  // same goods, passed on from where they were brought, came from China, so they are Chinese-origin.
  const leftChinaBefore = !options.correction && next.item === undefined && prev.item !== undefined && prev.shipFrom === 'CN'
    && next.shipFrom !== undefined && next.shipFrom !== 'CN' && (prev.destination === undefined || prev.destination === next.shipFrom);
  if (item && leftChinaBefore && item.chinaOrigin === undefined) item.chinaOrigin = true;
  // Goods kept leaving China are not foreign-made because a correction named the asker's plant.
  if (item && routeKept && options.correction && item.chinaOrigin === false) delete item.chinaOrigin;
  // (What the asker sent was its own; what comes back is not said to be.)
  if (item && sentHere && item.chinaOrigin === false) delete item.chinaOrigin;
  if (item) merged.item = item;
  // A corrected buyer replaces the one screened before ("actually a small subsidiary, not the listed parent").
  if (options.correction && next.endUser?.parties !== undefined) merged.endUser = next.endUser;
  else if (prev.endUser || next.endUser) merged.endUser = { ...prev.endUser, ...next.endUser };
  if (prev.endUses || next.endUses) merged.endUses = [...new Set([...(prev.endUses ?? []), ...(next.endUses ?? [])])];
  if (prev.collaboration || next.collaboration) merged.collaboration = { ...prev.collaboration, ...next.collaboration };
  // "We are building a magnet production line with Chinese equipment" then "can the vendor's technicians come to
  // commission the line?": work people do, after a rare-earth production line was named, is work on that line, which
  // No. 62 names as production-line services (1E902.b: assembly, commissioning, maintenance, repair, upgrade).
  const lineNamed = prev.item?.productionLine === true && prev.item.sector === 'rare_earth';
  if (lineNamed && isPeopleWork(next.collaboration?.kind) && merged.collaboration && merged.collaboration.area === undefined) merged.collaboration = { ...merged.collaboration, area: 'production_line_services' };
  return merged;
}
