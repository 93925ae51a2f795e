package dev.docstore.jcache;

import dev.docstore.transfer.AtomicFiles;
import dev.docstore.transfer.ImportException;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The warm restart of one cache ({@link DocstoreConfiguration#setWarmRestart}): loading its file when the cache is
 * created, saving it every interval on a shared daemon thread, and a last time when the cache closes.
 *
 * <p>Each save logs at DEBUG when it starts and ends ({@link System.Logger} named after this class); a periodic save
 * that fails logs a WARNING and the next one tries again, since the previous file is still whole.
 *
 * <p>Thread-safe. Saves are serialised on {@code saving}, so a cache runs one save at a time: a periodic save never
 * overlaps another (the schedule is with a fixed delay) or the final one, and closing waits for a periodic save in
 * flight before it saves. {@code stopped}, guarded by the same monitor, turns a periodic run that begins after the
 * cache closed into nothing, as cancelling the schedule cannot stop a run that has already been handed to the thread.
 */
final class WarmRestartFile<K, V> {
    private static final System.Logger LOG = System.getLogger(WarmRestartFile.class.getName());
    /** The file is the application's own: the classes it names are the ones the cache held. */
    private static final ImportOptions LOADING = ImportOptions.allOrNothing().trustingClassNames();

    private final String cacheName;
    private final Path file;
    private final @Nullable Duration interval;
    private final CacheTransfer<K, V> transfer;
    private final Object saving = new Object();
    /** Guarded by {@code saving}. */
    private boolean stopped;
    /** Guarded by {@code saving}; null without an interval. */
    private @Nullable ScheduledFuture<?> periodic;

    WarmRestartFile(String cacheName, WarmRestart setting, CacheTransfer<K, V> transfer) {
        this.cacheName = cacheName;
        this.file = setting.file();
        this.interval = setting.saveInterval().orElse(null);
        this.transfer = transfer;
    }

    /**
     * Deletes what killed saves left, then loads the file if there is one.
     *
     * @throws WarmRestartException if the file cannot be loaded, naming its first bad line; the cache is unchanged
     *                              (the import is all or nothing) and the file untouched
     */
    void load() {
        try {
            AtomicFiles.deleteLeftovers(file);
            if (!Files.exists(file)) {
                LOG.log(Level.DEBUG, () -> "cache '" + cacheName + "': no file " + file + " yet, starting empty");
                return;
            }
            ImportReport report = transfer.importFrom(file, LOADING);
            LOG.log(Level.DEBUG, () -> "cache '" + cacheName + "': loaded " + report.imported() + " documents from "
                    + file + " (" + report.expired() + " expired meanwhile)");
        } catch (ImportException e) {
            throw notLoaded(e.getMessage(), e.line(), e);
        } catch (RuntimeException e) {
            throw notLoaded("cannot load " + file + ": " + e.getMessage(), 0, e);
        }
    }

    private WarmRestartException notLoaded(String problem, long line, Throwable cause) {
        return new WarmRestartException("cache '" + cacheName + "' was not created: " + problem + ". The file is left"
                + " as it is: repair or move it, or remove the cache's warm restart, to create the cache", file, line,
                cause);
    }

    /** Starts the periodic saves, if there is an interval. */
    void start() {
        if (interval == null) {
            return;
        }
        synchronized (saving) {
            long millis = interval.toMillis();
            periodic = Saver.EXECUTOR.scheduleWithFixedDelay(this::saveInBackground, millis, millis,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops the periodic saves, waits for one in flight, and saves a last time.
     *
     * @return why the last save failed (the previous file is then kept), or null
     */
    @Nullable WarmRestartException stopAndSave() {
        synchronized (saving) {
            stop();
            try {
                save();
                return null;
            } catch (RuntimeException e) {
                return new WarmRestartException("cache '" + cacheName + "' closed, but saving it to " + file
                        + " failed (the file saved before is kept): " + e.getMessage(), file, 0, e);
            }
        }
    }

    /**
     * Stops the periodic saves, waits for one in flight, and deletes the file and any leftovers, for a destroyed
     * cache.
     *
     * @return why the file could not be deleted, or null
     */
    @Nullable WarmRestartException stopAndDelete() {
        synchronized (saving) {
            stop();
            try {
                Files.deleteIfExists(file);
                AtomicFiles.deleteLeftovers(file);
                return null;
            } catch (IOException | UncheckedIOException e) {
                return new WarmRestartException("cache '" + cacheName + "' destroyed, but its file " + file
                        + " could not be deleted, so the next cache of that name will load it: " + e.getMessage(),
                        file, 0, e);
            }
        }
    }

    private void stop() {
        stopped = true;
        if (periodic != null) {
            periodic.cancel(false);
        }
    }

    /** A periodic save: one that fails must not stop the ones after it, which may well succeed. */
    private void saveInBackground() {
        synchronized (saving) {
            if (stopped) {
                return;
            }
            try {
                save();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, () -> "cache '" + cacheName + "': saving to " + file + " failed; the file"
                        + " saved before is kept, and the next save, in " + interval + ", tries again", e);
            }
        }
    }

    private void save() {
        LOG.log(Level.DEBUG, () -> "cache '" + cacheName + "': saving to " + file);
        long started = System.nanoTime();
        long documents = transfer.exportTo(file);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.log(Level.DEBUG, () -> "cache '" + cacheName + "': saved " + documents + " documents to " + file + " in "
                + millis + " ms");
    }

    /** The shared thread of the periodic saves of every cache: a daemon, so it never keeps the JVM alive. */
    private static final class Saver {
        private static final ScheduledThreadPoolExecutor EXECUTOR = executor();

        private static ScheduledThreadPoolExecutor executor() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "docstore-warm-restart");
                thread.setDaemon(true);
                return thread;
            });
            // a cancelled schedule must not hold a closed cache, and all its documents, until its next run time
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
