/**
 * A token bucket: `rate` tokens a second, bursts up to `burst`. Used for messages per connection and
 * login attempts.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Token buckets keyed by a string (an IP address, an email), forgotten once full again so the map
 * cannot grow without bound under a spray of distinct keys.
 */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, { bucket: TokenBucket; touched: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): boolean {
    let entry = this.buckets.get(key);
    if (!entry) {
      if (this.buckets.size >= this.maxKeys) this.sweep();
      entry = { bucket: new TokenBucket(this.rate, this.burst, this.now), touched: this.now() };
      this.buckets.set(key, entry);
    }
    entry.touched = this.now();
    return entry.bucket.take();
  }

  /** Drops keys idle long enough to have refilled completely. */
  private sweep(): void {
    const refill = (this.burst / this.rate) * 1000;
    const t = this.now();
    for (const [key, entry] of this.buckets) if (t - entry.touched > refill) this.buckets.delete(key);
    // Still full of active keys: drop the oldest half rather than grow.
    if (this.buckets.size >= this.maxKeys) {
      const keys = [...this.buckets.keys()].slice(0, Math.floor(this.maxKeys / 2));
      for (const key of keys) this.buckets.delete(key);
    }
  }
}
