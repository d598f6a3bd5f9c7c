/**
 * The acceptance BOMs of issue 15 and what the legal brief (shared/domain/rare-earth-controls.md) says about each
 * line and product, on a day while No. 70's suspension runs (2026-06-01) and on a day after it ended with nothing
 * recorded (2026-11-30: "status unknown, escalate"). Written from the brief, not from Lodestone's output:
 * - a Dy/Tb NdFeB or SmCo magnet leaving China needs a licence (R1, brief §9 ex. 1, 6);
 * - NdFeB stated free of Dy and Tb needs no No. 18 licence (§9 ex. 2), but after 2026-11-10 No. 57's status is
 *   unknown for an incomplete composition (§11 R22);
 * - a motor or product with the magnets built in, exported from China, is generally outside No. 18 (R2, §9 ex. 5);
 * - a product made outside China with Chinese Dy/Tb magnets needs nothing while No. 61 is suspended (§9 ex. 10, 13),
 *   and escalates after 2026-11-10 (R3-R5, R22);
 * - a part made outside China is not exported from China (verdict "none" for that view);
 * - what a line does not say (no material) is asked for: need_info naming the column, never not_required; but after
 *   2026-11-10 a product view whose open questions only feed No. 61 (status unknown) or an end-user commitment
 *   escalates instead of asking (R22; issue 10 §6: where every open path runs through a rule of unknown status).
 * Shares: counted parts at their whole line value, over the product value (brief §3: >= 0.1 % of value).
 */
import type { ReplyVerdict } from '../../src/rules/verdict.js';

export type LineExpectation = readonly [partBefore: ReplyVerdict, productBefore: ReplyVerdict, partAfter: ReplyVerdict, productAfter: ReplyVerdict];

export interface FixtureExpectation {
  readonly file: string;
  readonly madeIn?: string;
  readonly productValue?: number;
  readonly lines: Readonly<Record<string, LineExpectation>>;
  /** Lines whose part view asks for a fact, with the column that would decide it. */
  readonly decidedBy?: Readonly<Record<string, string>>;
  readonly product: {
    readonly sharePercent: number;
    readonly status: 'at_or_over' | 'under' | 'undetermined';
    readonly before: ReplyVerdict;
    readonly after: ReplyVerdict;
    readonly estimatedRows?: readonly number[];
  };
}

export const BEFORE = '2026-06-01';
export const AFTER = '2026-11-30';

const foreignPart: LineExpectation = ['none', 'not_required', 'none', 'escalate'];

export const FIXTURES: readonly FixtureExpectation[] = [
  {
    file: 'ev-traction-motor.csv',
    madeIn: 'DE',
    lines: {
      'EVM-100': foreignPart, 'EVM-110': foreignPart, 'EVM-130': foreignPart, 'EVM-140': foreignPart, 'EVM-150': foreignPart, 'EVM-160': foreignPart,
      'EVM-120': ['license_required', 'not_required', 'license_required', 'escalate'],
    },
    // 48 x 2.10 = 100.80 of 577.80
    product: { sharePercent: 17.4455, status: 'at_or_over', before: 'not_required', after: 'escalate' },
  },
  {
    file: 'servo-drive.csv',
    lines: {
      // The drive is a finished product with magnetic parts, made in China (FAQ No. 5, brief R2): no graphite question
      // for it, since graphite is controlled as a material; after No. 70 ends its Chinese content is unknown ground.
      'SD-1': ['not_required', 'not_required', 'escalate', 'escalate'],
      'SD-10': ['license_required', 'not_required', 'license_required', 'not_required'],
      // A molded encoder sensor with its magnet inside is one of the FAQ's downstream goods (brief R2): its own export
      // is decided without its magnet's make-up, as is the Chinese-made drive's while No. 61 is suspended.
      'SD-20': ['not_required', 'not_required', 'not_required', 'escalate'],
      'SD-30': ['need_info', 'not_required', 'need_info', 'not_required'],
      'SD-40': ['none', 'not_required', 'none', 'escalate'],
      'SD-50': ['not_required', 'not_required', 'not_required', 'not_required'],
    },
    decidedBy: { 'SD-30': 'material / composition' },
    // SmCo ring 38 + encoder magnet of unknown composition 22, of the drive's 420
    product: { sharePercent: 14.2857, status: 'at_or_over', before: 'not_required', after: 'not_required' },
  },
  {
    file: 'loudspeaker.csv',
    madeIn: 'VN',
    lines: {
      'LS-1': ['not_required', 'not_required', 'escalate', 'not_required'],
      'LS-2': foreignPart, 'LS-3': foreignPart, 'LS-4': foreignPart, 'LS-5': foreignPart,
    },
    product: { sharePercent: 0, status: 'under', before: 'not_required', after: 'escalate' },
  },
  {
    file: 'hard-disk-drive.csv',
    lines: {
      'HDD-1': foreignPart, 'HSA-1': foreignPart, 'PLT-1': foreignPart, 'PCB-1': foreignPart, 'BASE-1': foreignPart,
      'VCM-1': ['license_required', 'not_required', 'license_required', 'escalate'],
      'SPM-1': ['not_required', 'not_required', 'not_required', 'escalate'],
      'SPM-MAG': ['need_info', 'not_required', 'need_info', 'escalate'],
    },
    decidedBy: { 'SPM-MAG': 'material / composition' },
    // VCM magnets 2 x 0.80 = 1.60 exact; spindle magnet ring 12 g of the 80 g motor's 6.00 = 0.90 estimated; of 60.00
    product: { sharePercent: 4.1667, status: 'at_or_over', before: 'not_required', after: 'escalate', estimatedRows: [6] },
  },
  {
    file: 'wind-generator-segment.csv',
    productValue: 25000,
    lines: {
      'WG-SEG': foreignPart, 'WG-MOD': foreignPart, 'WG-PLT': foreignPart, 'WG-EPX': foreignPart, 'WG-STR': foreignPart,
      'WG-MAG': ['license_required', 'not_required', 'license_required', 'escalate'],
      'WG-SEN': ['license_required', 'not_required', 'license_required', 'escalate'],
    },
    // 40 modules x 12 blocks x 9.50 = 4560, plus 2 SmCo sensor magnets of unknown origin (counted as Chinese) = 8
    product: { sharePercent: 18.272, status: 'at_or_over', before: 'not_required', after: 'escalate' },
  },
];
