/** Limits that protect the relay from one client or one IP. All are per relay process. */
export interface RelayLimits {
  /** Largest WebSocket frame (bytes); larger frames close the connection with 1009. */
  maxMessageBytes: number;
  /** Largest document (approximate stored bytes); an update past it closes with 4413. */
  maxDocBytes: number;
  /** Sustained messages per second per connection, and the burst above it (4429 when exceeded). */
  messagesPerSecond: number;
  messageBurst: number;
  /** New WebSocket connections per minute per IP address (HTTP 429 on upgrade when exceeded). */
  connectionsPerMinutePerIp: number;
  /** Login attempts per minute per email and per IP. */
  loginsPerMinute: number;
  /** Largest published data set (bytes); a larger upload is refused with 413. */
  maxBlobBytes: number;
  /** Total bytes of data published to one document; an upload past it is refused with 507. */
  docDataQuotaBytes: number;
}

/** An OpenID Connect provider users may sign in with. */
export interface OidcProviderConfig {
  /** Short name used in URLs: /api/auth/oidc/:id/start */
  id: string;
  /** Issuer URL; its `/.well-known/openid-configuration` is read at start. */
  issuer: string;
  clientId: string;
  clientSecret?: string;
}

/** The SMTP server notification emails go through. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  user?: string;
  pass?: string;
  /** The From address, e.g. `Facet <facet@example.com>`. */
  from: string;
}

export interface RelayConfig {
  port: number;
  host: string;
  /** Folder holding `relay.sqlite` (and published blobs). */
  dataDir: string;
  /** Use Postgres as the store instead of SQLite (shared by several relays). */
  postgresUrl?: string;
  /** Redis URL: relays sharing documents exchange updates and awareness through it. */
  redisUrl?: string;
  /** The URL people reach this relay at (invite links, OIDC redirects). Defaults to http://host:port. */
  publicUrl?: string;
  /** Secret for signing access tokens. Defaults to one generated once and kept in the store. */
  jwtSecret?: string;
  /** fsync every commit (survives power loss, not only a killed process). */
  fsync: boolean;
  accessTokenSeconds: number;
  refreshTokenDays: number;
  limits: RelayLimits;
  oidc: OidcProviderConfig[];
  /** Debounce of compaction after the last change (ms), and the longest it may wait. */
  compactDebounceMs: number;
  compactMaxDebounceMs: number;
  /** Also compact a document once this many updates were logged since its last compaction. */
  compactEveryUpdates: number;
  /** Send mention, reply and share notifications by email through this server (none when absent). */
  smtp?: SmtpConfig;
  /** Waits (ms) before each retry of a failed webhook delivery; its length bounds the retries. */
  webhookRetryMs?: number[];
  /** Log level for pino ('silent' in tests). */
  logLevel: string;
}

export const DEFAULT_LIMITS: RelayLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  maxDocBytes: 256 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 2000,
  connectionsPerMinutePerIp: 600,
  loginsPerMinute: 10,
  maxBlobBytes: 512 * 1024 * 1024,
  docDataQuotaBytes: 2 * 1024 * 1024 * 1024,
};

/** Options for {@link relayConfig}: anything left out gets its default; `limits` may name only some. */
export type RelayConfigInput = Omit<Partial<RelayConfig>, 'limits'> & {
  dataDir: string;
  limits?: Partial<RelayLimits>;
};

export function relayConfig(partial: RelayConfigInput): RelayConfig {
  return {
    port: 4455,
    host: '127.0.0.1',
    fsync: false,
    accessTokenSeconds: 15 * 60,
    refreshTokenDays: 30,
    oidc: [],
    // The log is durable on its own; compaction only keeps cold loads short, so it can wait.
    compactDebounceMs: 30_000,
    compactMaxDebounceMs: 120_000,
    compactEveryUpdates: 2000,
    logLevel: 'info',
    ...partial,
    limits: { ...DEFAULT_LIMITS, ...partial.limits },
  };
}
