package dev.docstore.jcache.expiry;

import dev.docstore.engine.Entry;
import java.time.Clock;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;

/**
 * Turns an {@link ExpiryPolicy}'s durations into expiry times on the cache's clock, with the spec's rules: a zero
 * duration means the entry is expired at once (on creation it is not even added); {@code null} from the access or
 * update hook leaves the expiry time as it is; a policy that throws is treated as returning {@code null} there, and
 * as eternal on creation. That holds for an {@link Error} too (an assertion, a class that failed to load), except a
 * {@link VirtualMachineError}: the hooks run inside writes, after write-through, where a policy's failure must not
 * leave the writer and the cache disagreeing.
 *
 * <p>It also applies those times to engine entries: what a cache with a policy stores is an {@link Expirable}; an
 * eternal cache stores values unwrapped, and then a read never looks at the value itself. Thread-safe if the policy
 * is; the expiry time an access sets is a volatile field of the {@link Expirable}.
 *
 * <p>Internal: part of the provider, not an API; may change. It is public only for the cache's classes in
 * {@code dev.docstore.jcache}.
 */
public final class ExpiryRules {
    /** Returned by {@link #onAccess}/{@link #onUpdate} when the expiry time must not change. */
    public static final long UNCHANGED = -1;

    private final ExpiryPolicy policy;
    private final Clock clock;
    private final boolean eternal;

    public ExpiryRules(ExpiryPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.eternal = policy instanceof EternalExpiryPolicy;
    }

    /** Whether entries never expire, so the cache stores values without an expiry time. */
    public boolean isEternal() {
        return eternal;
    }

    /** Whether {@code entry} is an expired one (not yet reclaimed). */
    public boolean isExpired(Entry<?, Object> entry) {
        return !eternal && entry.value() instanceof Expirable expirable && expirable.isExpired(now());
    }

    /** The kept value of a live entry; on an eternal cache without looking at the value. */
    @SuppressWarnings("unchecked") // the store holds only values of type V, wrapped or not
    public <V> V keptValue(Entry<?, Object> entry) {
        return eternal ? (V) entry.value() : Expirable.valueOf(entry);
    }

    /** Applies the access rule of the policy to a live entry that was just read. */
    public void touch(Entry<?, Object> entry) {
        if (!eternal && entry.value() instanceof Expirable expirable) {
            long at = onAccess(now());
            if (at != UNCHANGED) {
                expirable.expireAt(at);
            }
        }
    }

    /**
     * What to store for {@code kept} when the key's live entry is {@code current}: the value itself on an eternal
     * cache, else an {@link Expirable} timed by the creation or update rule; {@code null} when the creation rule gives
     * a new entry no time at all, so it must not be stored.
     */
    public Object stored(Object kept, Entry<?, Object> current) {
        if (eternal) {
            return kept;
        }
        long now = now();
        long at;
        if (current == null) {
            at = onCreation(now);
            if (at <= now) {
                return null;
            }
        } else {
            at = onUpdate(now);
            if (at == UNCHANGED) {
                at = ((Expirable) current.value()).expiresAt();
            }
        }
        return new Expirable(kept, at);
    }

    /**
     * What to store for {@code kept} with an expiry time given from outside the policy (an imported entry's, in
     * milliseconds of this cache's clock; {@link Long#MAX_VALUE}: never): the value itself on an eternal cache, whose
     * entries never expire, else an {@link Expirable} at that time.
     */
    public Object restored(Object kept, long expiresAt) {
        return eternal ? kept : new Expirable(kept, expiresAt);
    }

    /** When a stored value expires, in milliseconds of the cache's clock; {@link Long#MAX_VALUE} for never. */
    public static long expiresAt(Object stored) {
        return stored instanceof Expirable expirable ? expirable.expiresAt() : Expirable.NEVER;
    }

    /** The policy, for closing it with the cache. */
    public ExpiryPolicy policy() {
        return policy;
    }

    /** Now, in milliseconds of the cache's clock. */
    public long now() {
        return clock.millis();
    }

    /** The expiry time of a new entry; {@code <= now} means it must not be added. */
    public long onCreation(long now) {
        Duration duration;
        try {
            duration = policy.getExpiryForCreation();
        } catch (RuntimeException | Error e) {
            rethrowIfFatal(e);
            return Expirable.NEVER;
        }
        return duration == null ? Expirable.NEVER : expiryTime(duration, now);
    }

    /** The new expiry time after an access, or {@link #UNCHANGED}. */
    public long onAccess(long now) {
        Duration duration;
        try {
            duration = policy.getExpiryForAccess();
        } catch (RuntimeException | Error e) {
            rethrowIfFatal(e);
            return UNCHANGED;
        }
        return duration == null ? UNCHANGED : expiryTime(duration, now);
    }

    /** The new expiry time after an update, or {@link #UNCHANGED}. */
    public long onUpdate(long now) {
        Duration duration;
        try {
            duration = policy.getExpiryForUpdate();
        } catch (RuntimeException | Error e) {
            rethrowIfFatal(e);
            return UNCHANGED;
        }
        return duration == null ? UNCHANGED : expiryTime(duration, now);
    }

    /** The virtual machine's own failures (out of memory, say) are not the policy's to absorb. */
    private static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    private static long expiryTime(Duration duration, long now) {
        if (duration.isEternal()) {
            return Expirable.NEVER;
        }
        if (duration.isZero()) {
            return now;
        }
        long millis = duration.getTimeUnit().toMillis(duration.getDurationAmount());
        long at = now + Math.max(1, millis);
        return at < now ? Expirable.NEVER : at;
    }
}
