package dev.docstore.config;

import dev.docstore.jcache.WarmRestart;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code warmRestart} of a cache: the file it is loaded from when created and saved to when closed, and how often
 * it is saved in between (see {@link dev.docstore.jcache.DocstoreConfiguration#setWarmRestart}).
 *
 * @param file         the file's path; a relative one is resolved against the working directory. Required.
 * @param saveInterval how often to save while the cache is open, ISO-8601 ({@code PT5M}); unset: only on close
 */
public record WarmRestartSettings(String file, String saveInterval) {
    public WarmRestartSettings {
        if (file == null || file.isBlank()) {
            throw new InvalidSettingException("file", "a warm restart needs the file to load and save, like "
                    + "/var/lib/app/orders.jsonl");
        }
        path(file);
        if (saveInterval != null) {
            IsoDurations.parsePositive("saveInterval", saveInterval);
        }
    }

    private static Path path(String file) {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException("file", "'" + file + "' is not a path: " + e.getReason());
        }
    }

    /** The file, as a path. */
    public Path toPath() {
        return path(file);
    }

    /** The setting these stand for. */
    public WarmRestart toWarmRestart() {
        Duration interval = saveInterval == null ? null : IsoDurations.parsePositive("saveInterval", saveInterval);
        return WarmRestart.of(toPath(), interval);
    }
}
