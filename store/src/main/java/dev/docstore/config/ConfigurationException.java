package dev.docstore.config;

import java.net.URI;
import javax.cache.CacheException;

/**
 * A configuration file that cannot be read or is invalid. The message names the file, the line and the key path
 * ({@code caches.books.expiry.duration}); the same three are available as properties.
 */
public final class ConfigurationException extends CacheException {
    private static final long serialVersionUID = 1L;

    private final URI file;
    private final int line;
    private final String key;

    ConfigurationException(URI file, int line, String key, String problem, Throwable cause) {
        super(file + (line > 0 ? ", line " + line : "") + (key.isEmpty() ? "" : ", at '" + key + "'") + ": " + problem,
                cause);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    /** The configuration file. */
    public URI file() {
        return file;
    }

    /** The line of the problem (1-based), or 0 when the problem is not at a place in the file (it is missing). */
    public int line() {
        return line;
    }

    /** The path of the offending key, like {@code caches.books.indexes[0].paths}; empty for the whole file. */
    public String key() {
        return key;
    }
}
