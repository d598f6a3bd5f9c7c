/** The throwaway PostgreSQL cluster, shared with `npm run bench -- --postgres` (it lives in bench/, which the build compiles). */
export { CLUSTER_START_MS, CLUSTER_STOP_MS, startPostgres, type PostgresCluster } from '../../bench/throwaway-postgres.js';
