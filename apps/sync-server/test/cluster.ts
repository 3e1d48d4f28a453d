import { startTestRelay, type TestRelay } from './harness.ts';
import { startPostgres, startRedis, type RunningService } from './services.ts';

/**
 * Relays sharing one Postgres store and one Redis, as a scale-out deployment runs them: same public
 * URL and signing secret, so a token from one works on all.
 */
export interface TestCluster {
  relays: TestRelay[];
  postgres: RunningService;
  redis: RunningService;
  /** Starts one more relay on the same store (`redis: false` leaves it off Redis). */
  add(options?: { redis?: boolean }): Promise<TestRelay>;
  stop(): Promise<void>;
}

export const CLUSTER_SHARED = {
  publicUrl: 'http://relay.test',
  jwtSecret: 'cluster-test-secret-0123456789abcdef',
};

export async function startCluster(size = 2): Promise<TestCluster> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const relays: TestRelay[] = [];
  const add = async (options: { redis?: boolean } = {}) => {
    const relay = await startTestRelay({
      ...CLUSTER_SHARED,
      postgresUrl: postgres.url,
      ...(options.redis === false ? {} : { redisUrl: redis.url }),
    });
    relays.push(relay);
    return relay;
  };
  for (let i = 0; i < size; i++) await add();
  return {
    relays,
    postgres,
    redis,
    add,
    async stop() {
      for (const relay of relays) await relay.stop();
      await Promise.all([postgres.stop(), redis.stop()]);
    },
  };
}
