/**
 * A rule's result as the engine traced it: its status that day and each condition with the expected value, the
 * actual value and the result. Used by the chat's "rules that decided" and the console's full trace.
 */
import type { RuleResult } from '../../rules/decision.js';
import { formatValue } from './format-value.js';
import { html, type SafeHtml } from './html.js';
import { VERDICT_LABELS } from './labels.js';

const RESULT_LABELS: Record<RuleResult['match'], string> = { true: 'holds', false: 'does not hold', unknown: 'unknown' };

/** A rule's result; `checks` absent when only its result was kept (the chat transcript), so no table is drawn. */
export type ShownRule = Omit<RuleResult, 'checks' | 'unknownFacts'> & { readonly checks?: RuleResult['checks'] };

export function renderRuleResult(r: ShownRule, options: { open?: boolean } = {}): SafeHtml {
  return html`<details class="rule-result"${options.open ? html` open` : ''}>
  <summary><span class="rule-title">${r.title}</span> <code>${r.ruleId}</code>
    <span class="result result-${r.match}">${RESULT_LABELS[r.match]}</span>${r.contributes ? html` <span class="contributes">adds: ${VERDICT_LABELS[r.contributes]}</span>` : ''}</summary>
  <p class="status-note">Status: ${r.statusNote}.${r.overriddenBy ? ` Overridden by ${r.overriddenBy}.` : ''}${r.confirmed ? '' : ' Not yet confirmed by compliance.'}</p>
  ${r.checks && renderChecks({ ruleId: r.ruleId, checks: r.checks })}
</details>`;
}

export function renderChecks(r: Pick<RuleResult, 'ruleId' | 'checks'>): SafeHtml {
  if (r.checks.length === 0) return html`<p>No conditions were checked.</p>`;
  return html`<table class="checks">
  <caption class="visually-hidden">Conditions of ${r.ruleId}</caption>
  <thead><tr><th scope="col">Condition</th><th scope="col">Test</th><th scope="col">Expected</th><th scope="col">Actual</th><th scope="col">Result</th></tr></thead>
  <tbody>${r.checks.map((c) => html`
    <tr><th scope="row">${c.label} <code>${c.fact}</code></th><td>${c.op}</td><td>${formatValue(c.expected)}</td><td>${formatValue(c.actual)}</td><td><span class="result result-${c.result}">${c.result}</span></td></tr>`)}
  </tbody>
</table>`;
}
