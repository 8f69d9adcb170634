/**
 * Database (monitoring-guide.md, "Grafana Dashboards" 3, "Database Monitoring"): PostgreSQL
 * as the backend sees it (SQLAlchemy pool and query metrics) and as postgres_exporter sees it.
 * Use cases: database performance tuning, connection pool optimization, query optimization.
 */
import { defineDashboard } from 'monc';
import * as m from '../backend-metrics.ts';
import { ANNOTATIONS, FOLDER, JOB, RANGE, RATE, runbookUrl, dashboardLinks, instanceVariable, jobVariable, labelVariable, quantileQueries } from './common.ts';

/** postgres_exporter series of the selected databases. */
const DB = '{datname=~"$datname"}';

defineDashboard({
  id: 'database',
  title: 'Database',
  description: 'PostgreSQL for IOB MAIIS: query rate and duration, the backend\'s connection pool, buffer cache hit ratio, the slowest statements (pg_stat_statements) and replication lag.',
  folder: FOLDER,
  service: 'backend',
  tags: ['iob-maiis', 'postgres', 'database'],
  variables: [
    jobVariable(`${m.dbQueries}`),
    instanceVariable(`${m.dbQueries}`),
    labelVariable('datname', 'Database', 'pg_stat_database_numbackends'),
  ],
  links: [
    { title: 'Runbook: PostgreSQL down', url: runbookUrl('PostgreSQLDown') },
    { title: 'Runbook: slow API response time', url: runbookUrl('SlowAPIResponseTime') },
    ...dashboardLinks('application-performance', 'system-overview'),
  ],
  annotations: ANNOTATIONS,
  rows: [
    {
      title: 'Queries',
      panels: [
        {
          title: 'Query Rate',
          description:
            'Queries per second the backend runs, by operation, with the failed ones; and the transactions per second PostgreSQL commits and rolls back in the selected databases (other clients included).',
          type: 'timeseries',
          unit: 'ops',
          min: 0,
          queries: [
            { expr: `sum by (operation) (rate(${m.dbQueries.where({ ...JOB, instance: /$instance/ }).over(RATE)}))`, legend: '{{operation}}' },
            { expr: `sum(rate(${m.dbQueries.where({ ...JOB, instance: /$instance/, status: 'error' }).over(RATE)}))`, legend: 'failed' },
            { expr: `sum(rate(pg_stat_database_xact_commit${DB}[${RATE}])) + sum(rate(pg_stat_database_xact_rollback${DB}[${RATE}]))`, legend: 'PostgreSQL transactions' },
          ],
        },
        {
          title: 'Query Duration',
          description: 'p50, p95 and p99 of the backend\'s query durations (db_query_duration_seconds buckets summed by le). A rising p99 with a flat p50 points at a few slow statements: see Slow Queries.',
          type: 'timeseries',
          unit: 's',
          min: 0,
          queries: quantileQueries(m.dbQueryDuration.series('bucket', { ...JOB, instance: /$instance/ })),
        },
        {
          title: 'Slow Queries',
          description:
            'The ten statements with the highest mean execution time over the selected time range, from pg_stat_statements (postgres_exporter\'s stat_statements collector): ' +
            'look the queryid up with SELECT query FROM pg_stat_statements WHERE queryid = …, then EXPLAIN ANALYZE it.',
          type: 'table',
          unit: 's',
          queries: [
            {
              expr:
                `sort_desc(topk(10, sum by (datname, queryid) (rate(pg_stat_statements_seconds_total${DB}[${RANGE}])) ` +
                `/ (sum by (datname, queryid) (rate(pg_stat_statements_calls_total${DB}[${RANGE}])) > 0)))`,
              legend: '{{datname}} {{queryid}}',
            },
          ],
        },
        {
          title: 'Queries Slower Than 1s',
          description: 'Backend queries per second that took longer than one second: all queries minus those in the le="1" bucket. Anything above zero deserves a look at Slow Queries.',
          type: 'timeseries',
          unit: 'ops',
          min: 0,
          queries: [
            {
              expr:
                `sum(rate(${m.dbQueryDuration.series('count', { ...JOB, instance: /$instance/ }).over(RATE)})) ` +
                `- sum(rate(${m.dbQueryDuration.series('bucket', { ...JOB, instance: /$instance/, le: /1(\.0)?/ }).over(RATE)}))`,
              legend: 'slower than 1s',
            },
          ],
        },
      ],
    },
    {
      title: 'Connections',
      panels: [
        {
          title: 'Active Connections',
          description: 'Connections the backend has checked out of its SQLAlchemy pool (busy), per instance, and all backends connected to the selected databases (every client).',
          type: 'timeseries',
          unit: 'short',
          min: 0,
          width: 9,
          queries: [
            { expr: `sum by (instance) (${m.dbConnectionsActive.where({ ...JOB, instance: /$instance/ })})`, legend: 'pool {{instance}}' },
            { expr: `sum(pg_stat_database_numbackends${DB})`, legend: 'PostgreSQL backends' },
          ],
        },
        {
          title: 'Idle Connections',
          description: 'Connections idle in the backend\'s pool, per instance. Always zero means the pool is exhausted and requests wait for a connection; many idle ones hold server slots for nothing.',
          type: 'timeseries',
          unit: 'short',
          min: 0,
          width: 9,
          queries: [{ expr: `sum by (instance) (${m.dbConnectionsIdle.where({ ...JOB, instance: /$instance/ })})`, legend: 'pool {{instance}}' }],
        },
        {
          title: 'Connection Usage',
          description: 'Backends connected to PostgreSQL (all databases) as a share of max_connections. New connections fail at 100%.',
          type: 'gauge',
          unit: 'percentunit',
          min: 0,
          max: 1,
          thresholds: [
            { value: 0.8, color: 'orange' },
            { value: 0.9, color: 'red' },
          ],
          queries: [{ expr: 'sum(pg_stat_database_numbackends) / max(pg_settings_max_connections)' }],
        },
      ],
    },
    {
      title: 'Cache and replication',
      panels: [
        {
          title: 'Cache Hit Ratio',
          description:
            'The share of block reads of the selected databases served from PostgreSQL\'s buffer cache (blks_hit over blks_hit + blks_read, summed before dividing). ' +
            'Healthy OLTP databases stay above 99%; lower means shared_buffers is too small for the working set.',
          type: 'gauge',
          unit: 'percentunit',
          decimals: 2,
          min: 0,
          max: 1,
          queries: [
            {
              expr:
                `sum(rate(pg_stat_database_blks_hit${DB}[${RATE}])) ` +
                `/ (sum(rate(pg_stat_database_blks_hit${DB}[${RATE}])) + sum(rate(pg_stat_database_blks_read${DB}[${RATE}])))`,
            },
          ],
        },
        {
          title: 'Replication Lag',
          description:
            'How far each replica is behind the primary (time since its last replayed transaction). Empty on a single primary: replication only applies when a replica runs. ' +
            'On an idle primary the lag grows although nothing is missing.',
          type: 'timeseries',
          unit: 's',
          min: 0,
          width: 18,
          queries: [{ expr: 'max by (instance) (pg_replication_lag_seconds and on (instance) pg_replication_is_replica == 1)', legend: '{{instance}}' }],
        },
      ],
    },
  ],
});
