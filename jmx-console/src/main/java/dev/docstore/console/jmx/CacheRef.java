package dev.docstore.console.jmx;

import java.util.Objects;

/**
 * A cache as the console names it: its manager's URI and its name. For docstore caches these are the real values;
 * for caches of other JCache providers, which only have the spec beans, they are the values as the spec's bean
 * names hold them (with {@code : = , newline} turned into {@code .}), unquoted.
 */
public record CacheRef(String manager, String cache) {
    public CacheRef {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(cache, "cache");
    }
}
