/** Prometheus metrics (prom-client) for `/metrics`: questions by channel and verdict, turn latency, escalations. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly questions: Counter<'channel' | 'verdict' | 'intent'>;
  readonly turnSeconds: Histogram<'channel'>;
  readonly duplicates: Counter<'channel'>;
  readonly rejected: Counter<'channel' | 'reason'>;
}

export function createMetrics(withDefaults = true): Metrics {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry });
  return {
    registry,
    questions: new Counter({ name: 'lodestone_questions_total', help: 'Questions answered', labelNames: ['channel', 'verdict', 'intent'], registers: [registry] }),
    turnSeconds: new Histogram({
      name: 'lodestone_turn_seconds', help: 'Time to answer a turn', labelNames: ['channel'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.1, 0.5], registers: [registry],
    }),
    duplicates: new Counter({ name: 'lodestone_duplicate_deliveries_total', help: 'Platform retries dropped', labelNames: ['channel'], registers: [registry] }),
    rejected: new Counter({ name: 'lodestone_rejected_requests_total', help: 'Requests refused', labelNames: ['channel', 'reason'], registers: [registry] }),
  };
}
