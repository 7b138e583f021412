/** The public face of systems/: every server builder and the user-service builder. */
export { RedisServer, REDIS_KIND, REDIS_PORT, type StartedRedisServer } from './redis/index.js';
export {
  PostgresServer,
  POSTGRES_KIND,
  POSTGRES_PORT,
  POSTGRES_USER,
  POSTGRES_DATABASE,
  type StartedPostgresServer,
} from './postgres/index.js';
export { MariaDbServer, MARIADB_KIND, MARIADB_PORT, MARIADB_USER, type StartedMariaDbServer } from './mariadb/index.js';
export {
  PrometheusServer,
  PROMETHEUS_KIND,
  PROMETHEUS_PORT,
  PROMETHEUS_SELF_JOB,
  type ScrapeTarget,
  type StartedPrometheusServer,
} from './prometheus/index.js';
export {
  KafkaServer,
  KAFKA_KIND,
  KAFKA_PORT,
  KAFKA_MOCK_CONSUMER_SETTINGS,
  type StartedKafkaServer,
} from './kafka/index.js';
export { parseBrokerList, brokerExtra } from './kafka/brokers.js';
export {
  Service,
  SERVICE_KIND,
  startServiceProcess,
  startServiceExternal,
  type StartedService,
  type ServiceEnv,
  type ServiceEnvInput,
  type HealthCheck,
} from './service.js';
