/**
 * Adaptive Card 1.5 building blocks shared by the renderers. Text that may carry user input goes in a TextRun,
 * which Teams shows literally: a TextBlock would render markdown, so a question could smuggle in a link.
 */
import type { Citation } from '../../rules/decision.js';
import { assertNever, type ReplyVerdict } from '../../rules/verdict.js';
import type { AdaptiveCard } from './teams-port.js';

export type Element = Readonly<Record<string, unknown>>;
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
type TextColor = 'default' | 'good' | 'attention' | 'warning' | 'accent';

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';

export function card(body: readonly Element[], actions: readonly Element[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    // Teams draws cards narrow unless told to use the message width.
    msteams: { width: 'Full' },
  };
}

export interface TextOptions {
  readonly weight?: 'bolder';
  readonly size?: 'small' | 'medium' | 'large';
  readonly color?: TextColor;
  readonly subtle?: boolean;
  readonly italic?: boolean;
  readonly spacing?: 'none' | 'small' | 'medium';
}

/** Literal text, never markdown. */
export function text(value: string, options: TextOptions = {}): Element {
  return {
    type: 'RichTextBlock',
    ...(options.spacing ? { spacing: options.spacing } : {}),
    inlines: [{
      type: 'TextRun',
      text: value,
      ...(options.weight ? { weight: options.weight } : {}),
      ...(options.size ? { size: options.size } : {}),
      ...(options.color ? { color: options.color } : {}),
      ...(options.subtle ? { isSubtle: true } : {}),
      ...(options.italic ? { italic: true } : {}),
    }],
  };
}

export function heading(value: string): Element {
  return text(value, { weight: 'bolder', spacing: 'medium' });
}

export function bullets(items: readonly string[]): Element[] {
  return items.map((item) => text(`• ${item}`, { spacing: 'small' }));
}

export function container(items: readonly Element[], style: ContainerStyle = 'default'): Element {
  return { type: 'Container', style, bleed: true, items };
}

/** Fact values are markdown; brackets are taken out so a name cannot become a link. */
export function factSet(facts: readonly (readonly [string, string])[]): Element {
  return { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value: value.replace(/[[\]]/g, '') })) };
}

export function submit(title: string, data: Readonly<Record<string, unknown>>, style?: 'positive' | 'destructive'): Element {
  return { type: 'Action.Submit', title, data, ...(style ? { style } : {}) };
}

/** Buttons inside the body, next to what they act on, with their own budget apart from the card's actions. */
export function actionSet(actions: readonly Element[]): Element {
  return { type: 'ActionSet', spacing: 'small', actions };
}

/**
 * Citations from the rules data, as links where the data has a web address. They are the one place we use
 * markdown, so brackets are taken out of the label and the address is checked and escaped.
 */
export function citationLines(citations: readonly Citation[]): Element[] {
  return citations.map((c) => {
    const label = [c.source, c.article, c.title ? `— ${c.title}` : undefined].filter(Boolean).join(' ').replace(/[[\]]/g, '');
    const url = safeUrl(c.url);
    return { type: 'TextBlock', wrap: true, spacing: 'small', text: url ? `[${escapeMarkdown(label)}](${url})` : escapeMarkdown(label) };
  });
}

function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    // encodeURIComponent leaves parentheses alone, and a ')' would end the markdown link early.
    return u.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return undefined;
  }
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\*_~`#>|]/g, (ch) => `\\${ch}`);
}

export interface Badge {
  readonly label: string;
  readonly style: ContainerStyle;
  readonly color: TextColor;
}

/** How a verdict looks: a label and the colour of its band; none for replies that decide nothing. */
export function verdictBadge(verdict: ReplyVerdict): Badge | undefined {
  switch (verdict) {
    case 'prohibited':
      return { label: 'Prohibited', style: 'attention', color: 'attention' };
    case 'license_required':
      return { label: 'Licence required', style: 'attention', color: 'attention' };
    case 'escalate':
      return { label: 'A compliance officer decides', style: 'warning', color: 'warning' };
    case 'need_info':
      return { label: 'More information needed', style: 'accent', color: 'accent' };
    case 'not_required':
      return { label: 'No licence required', style: 'good', color: 'good' };
    case 'none':
      return undefined;
    default:
      return assertNever(verdict, 'verdict');
  }
}

/** Cuts long user text for a card; Teams refuses messages over about 28 KB. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}
