import { it } from 'vitest';
import { evaluate } from '/work/main/src/rules/engine.js';
import { loadRuleSet } from '/work/main/src/rules/loader.js';
const rules = loadRuleSet('/work/main/rules');
it('dbg', () => {
  const d = evaluate(rules, JSON.parse(process.env.FACTS!), process.env.ASOF ?? '2026-03-01');
  console.log(d.verdict, JSON.stringify(d.fired.map(f => [f.ruleId, f.match, f.status, f.contributes, f.checks.filter(c=>c.result!=='true').map(c=>c.fact+':'+c.result)])), JSON.stringify(d.missing.map(m=>m.fact)));
  console.log(d.reasons.join('\n'));
});
