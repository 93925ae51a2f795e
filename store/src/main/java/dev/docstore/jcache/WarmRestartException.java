package dev.docstore.jcache;

import java.nio.file.Path;
import javax.cache.CacheException;

/**
 * A cache's warm-restart file could not be loaded (so the cache was not created) or saved (when the cache closed).
 * The message names the cache, the file and, for a file that cannot be loaded, the first bad line; a file that
 * cannot be loaded is left as it is.
 */
public final class WarmRestartException extends CacheException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    WarmRestartException(String message, Path file, long line, Throwable cause) {
        super(message, cause);
        this.file = file.toString();
        this.line = line;
    }

    /** The warm-restart file. */
    public Path file() {
        return Path.of(file);
    }

    /** The first bad line of a file that cannot be loaded (from 1, the header); 0 when no line is to blame. */
    public long line() {
        return line;
    }
}
