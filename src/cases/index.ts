/** The cases module's public surface: what the assistant, the channels and the CLI use. */
export { AuditLog, AUDIT_KINDS, type AuditKind, type AuditRecord, type AuditVerification, type AuditRange } from './audit-log.js';
export { CaseError, type CaseErrorCode } from './case-error.js';
export { formatCaseId, parseCaseId } from './case-id.js';
export {
  CaseService, actorId, type CaseServiceOptions, type DecideInput, type OpenCaseInput, type OpenCaseResult,
  type RecordedQuestion, type RedactionResult,
} from './case-service.js';
export {
  CaseViewSchema, OFFICER_DECISIONS, CASE_STATES,
  type Actor, type CaseState, type CaseView, type HistoryEntry, type OfficerDecision, type Precedent, type ReplyTo,
  type Resolution, type Turn,
} from './case-view.js';
export { defaultDbPath, openCaseDatabase } from './database.js';
export { DailyScheduler, type DailySchedulerOptions } from './daily-scheduler.js';
export { scheduleRulesHorizon } from './horizon-schedule.js';
export { HumanChannelError, type HumanChannel } from './human-channel.js';
export { MemoryHumanChannel, type MemoryCall } from './memory-human-channel.js';
export { factsKey, normaliseFacts } from './normalise-facts.js';
export { OfficersSchema, type Officers, type OfficersInput } from './officers.js';
export { OutboxDispatcher, type DispatchReport, type HumanChannels, type OutboxDispatcherOptions } from './outbox-dispatcher.js';
