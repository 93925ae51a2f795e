package dev.docstore.jcache;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a cache keeps its documents across restarts, and how often it saves them: the cache loads {@link #file()}
 * when it is created and saves it when it is closed and, with a {@link #saveInterval()}, every interval in between
 * (see {@link DocstoreConfiguration#setWarmRestart}).
 *
 * <p>Immutable. Serializable like the rest of the configuration, so the file is kept as its path's text (a path of
 * the default file system).
 */
public final class WarmRestart implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final @Nullable Duration saveInterval;

    private WarmRestart(String file, @Nullable Duration saveInterval) {
        this.file = file;
        this.saveInterval = saveInterval;
    }

    /**
     * A warm restart from {@code file}, saved on close and, unless {@code saveInterval} is null, every
     * {@code saveInterval} too.
     *
     * @throws IllegalArgumentException if {@code file} is null, or {@code saveInterval} is zero, negative or shorter
     *                                  than a millisecond
     */
    public static WarmRestart of(Path file, @Nullable Duration saveInterval) {
        if (file == null) {
            throw new IllegalArgumentException("warmRestart needs a file, and the file given is null");
        }
        if (saveInterval != null && (saveInterval.isNegative() || saveInterval.toMillis() == 0)) {
            throw new IllegalArgumentException("warmRestart saveInterval must be at least a millisecond, was "
                    + saveInterval + " (leave it unset to save only on close)");
        }
        return new WarmRestart(file.toString(), saveInterval);
    }

    /** The file the cache loads when created and saves to. */
    public Path file() {
        return Path.of(file);
    }

    /** How long after one periodic save ends the next begins; empty: the cache saves only when it is closed. */
    public Optional<Duration> saveInterval() {
        return Optional.ofNullable(saveInterval);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof WarmRestart that && file.equals(that.file)
                && Objects.equals(saveInterval, that.saveInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, saveInterval);
    }

    @Override
    public String toString() {
        return "WarmRestart[" + file + (saveInterval == null ? ", on close" : ", every " + saveInterval) + "]";
    }
}
