/** The throwaway PostgreSQL cluster, shared with `npm run bench -- --postgres` (it lives in bench/, which the build compiles). */
import { afterAll, beforeAll } from 'vitest';
import { CLUSTER_START_MS, CLUSTER_STOP_MS, startPostgres, type PostgresCluster } from '../../bench/throwaway-postgres.js';

export { CLUSTER_START_MS, CLUSTER_STOP_MS, startPostgres, type PostgresCluster };

/**
 * One throwaway cluster for the calling test file: started before its tests, stopped after them. Returns the running
 * cluster, which throws if asked for outside the tests (before the start or after the stop).
 */
export function useThrowawayPostgres(): () => PostgresCluster {
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, CLUSTER_START_MS);
  afterAll(async () => {
    await cluster?.stop();
    cluster = undefined;
  }, CLUSTER_STOP_MS);
  return () => {
    if (!cluster) throw new Error('no PostgreSQL cluster: use it inside the tests');
    return cluster;
  };
}
