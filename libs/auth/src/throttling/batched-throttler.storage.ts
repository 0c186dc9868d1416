import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { RedisThrottlerStorage } from './redis-throttler.storage';

interface Budget {
  /** Hits Redis has counted in the window (all replicas), as of the last sync. */
  shared: number;
  /** Hits counted here and not yet sent. */
  pending: number;
  windowEndsAt: number;
  blockedUntil: number;
  syncedAt: number;
  syncing?: Promise<void>;
  /** A later sync for hits counted while one was in flight, so none stays unsent when the caller stops. */
  trailing?: NodeJS.Timeout;
}

/** Budgets whose window ended this long ago are dropped (a caller who went away). */
const FORGET_AFTER_MS = 60_000;

/**
 * The rate limit without a Redis round trip per request. Each API process counts its callers'
 * hits locally and adds them to the shared Redis counter (RedisThrottlerStorage's script) in one
 * call per caller at most every `syncMs`; a caller new to the process first reads the shared
 * count (its first request waits for that). Decisions use the shared count plus the hits not yet sent: exact
 * on one replica; across replicas a limit can be overrun by what the others let through in one
 * `syncMs`, and a block one of them sets reaches the others at their next sync.
 */
export class BatchedThrottlerStorage implements ThrottlerStorage {
  private readonly budgets = new Map<string, Budget>();
  private lastSweep = Date.now();

  constructor(
    private readonly shared: RedisThrottlerStorage,
    private readonly syncMs: number,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    this.sweep(now);
    const id = `${throttlerName}\u0000${key}`;
    let budget = this.budgets.get(id);
    if (!budget) {
      // A caller new to this process starts from the shared count (adding nothing yet).
      budget = { shared: 0, pending: 0, windowEndsAt: now + ttl, blockedUntil: 0, syncedAt: 0 };
      this.budgets.set(id, budget);
      budget.syncing = this.sync(budget, key, ttl, limit, blockDuration, throttlerName);
      await budget.syncing;
    } else if (now >= budget.windowEndsAt) {
      // The window ended here; Redis starts the next one at the next sync.
      budget.shared = 0;
      budget.windowEndsAt = now + ttl;
    }
    budget.pending += 1;
    if (!budget.syncing && Date.now() - budget.syncedAt >= this.syncMs) {
      budget.syncing = this.sync(budget, key, ttl, limit, blockDuration, throttlerName);
    }
    const hits = budget.shared + budget.pending;
    if (budget.blockedUntil <= now && hits > limit) budget.blockedUntil = now + blockDuration;
    const blockedFor = Math.max(0, budget.blockedUntil - now);
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(Math.max(0, budget.windowEndsAt - now) / 1000),
      isBlocked: blockedFor > 0,
      timeToBlockExpire: Math.ceil(blockedFor / 1000),
    };
  }

  private async sync(
    budget: Budget,
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<void> {
    const sent = budget.pending;
    try {
      const counted = await this.shared.add(key, ttl, limit, blockDuration, throttlerName, sent);
      const now = Date.now();
      budget.pending -= sent;
      budget.shared = counted.hits;
      if (counted.windowMs > 0) budget.windowEndsAt = now + counted.windowMs;
      if (counted.blockMs > 0) budget.blockedUntil = Math.max(budget.blockedUntil, now + counted.blockMs);
      budget.syncedAt = now;
    } finally {
      budget.syncing = undefined;
      if (budget.pending > 0 && !budget.trailing) {
        budget.trailing = setTimeout(() => {
          budget.trailing = undefined;
          budget.syncing ??= this.sync(budget, key, ttl, limit, blockDuration, throttlerName);
        }, this.syncMs);
        budget.trailing.unref();
      }
    }
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < FORGET_AFTER_MS) return;
    this.lastSweep = now;
    for (const [id, budget] of this.budgets) {
      if (!budget.syncing && budget.pending === 0 && budget.windowEndsAt + FORGET_AFTER_MS < now) {
        this.budgets.delete(id);
      }
    }
  }
}
