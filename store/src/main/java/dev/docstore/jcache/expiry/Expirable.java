package dev.docstore.jcache.expiry;

import dev.docstore.engine.Entry;

/**
 * What a cache with an expiry policy stores in the engine: the value and when it expires, in milliseconds of the
 * cache's clock ({@link Long#MAX_VALUE}: never). The expiry time changes on access without a new version, so it is a
 * volatile field; the value never changes.
 *
 * <p>Internal: part of the provider, not an API; may change. It is public only for the cache's classes in
 * {@code dev.docstore.jcache}, which read it; only {@link ExpiryRules} creates one or changes its expiry time.
 */
public final class Expirable {
    static final long NEVER = Long.MAX_VALUE;

    private final Object value;
    private volatile long expiresAt;

    Expirable(Object value, long expiresAt) {
        this.value = value;
        this.expiresAt = expiresAt;
    }

    /** The kept value of an engine entry, wrapped or not; {@code null} for no entry. */
    @SuppressWarnings("unchecked") // the store holds only values of type V, wrapped or not
    public static <V> V valueOf(Entry<?, Object> entry) {
        if (entry == null) {
            return null;
        }
        Object raw = entry.value();
        return (V) (raw instanceof Expirable expirable ? expirable.value : raw);
    }

    /** The value, never null. */
    public Object value() {
        return value;
    }

    long expiresAt() {
        return expiresAt;
    }

    void expireAt(long millis) {
        expiresAt = millis;
    }

    /** Whether the entry is expired at {@code now}, in milliseconds of the cache's clock. */
    public boolean isExpired(long now) {
        return expiresAt <= now;
    }

    @Override
    public String toString() {
        return value + (expiresAt == NEVER ? "" : " (expires at " + expiresAt + ")");
    }
}
