/** Runs the rules-horizon check on start and then once a day, against the rule set loaded at that moment. */
import type { Clock } from '../core/clock.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { CaseService } from './case-service.js';
import { DailyScheduler, type DailySchedulerOptions } from './daily-scheduler.js';

export function scheduleRulesHorizon(
  service: Pick<CaseService, 'checkRulesHorizon'>,
  currentRules: () => Pick<RuleSet, 'rules' | 'version'>,
  clock: Clock,
  options: DailySchedulerOptions = {},
): DailyScheduler {
  return new DailyScheduler(clock, (day) => {
    service.checkRulesHorizon(currentRules(), day);
  }, options);
}
