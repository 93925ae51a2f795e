package dev.docstore.management;

import dev.docstore.jcache.DocumentCache;
import dev.docstore.transfer.ImportMode;
import dev.docstore.transfer.ImportOptions;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import javax.management.openmbean.CompositeData;

/**
 * The export and import operations of a {@link DocumentCacheMBean}: to and from a path on the cache's machine, and
 * through chunked transfers ({@link TransferSessions}) for a client elsewhere. Checks every argument before it acts,
 * so bad input changes nothing; returns open types only.
 *
 * <p>Imports over JMX accept the types documents are made of (see {@code ValueCodec}) and the cache's declared types,
 * but no other class a file names: a JMX client cannot vouch for a file the way an application's own code can
 * ({@code ImportOptions.allowing}).
 *
 * <p>Thread-safe: the cache and the sessions are.
 */
final class CacheTransfers {
    /** The most bytes one {@code readExport} or {@code appendImport} moves. */
    static final int MAX_CHUNK = 8 << 20;

    private final DocumentCache<?, ?> cache;
    private final Path directory;
    private final TransferSessions sessions;

    CacheTransfers(DocumentCache<?, ?> cache, Path directory, TransferSessions sessions) {
        this.cache = cache;
        this.directory = directory;
        this.sessions = sessions;
    }

    long exportTo(String path) {
        return cache.exportTo(path(path));
    }

    CompositeData importFrom(String path, String mode) {
        ImportOptions options = options(mode);
        Path file = path(path);
        if (!Files.isRegularFile(file)) {
            // the JDK's own message would be the path alone
            throw new IllegalArgumentException("no file " + file.toAbsolutePath() + " on the cache's machine");
        }
        return OpenTypes.importReport(cache.importFrom(file, options));
    }

    CompositeData beginExport() {
        ExportSession export = sessions.open(id -> ExportSession.start(id, directory, cache));
        return OpenTypes.exportStarted(export.id(), export.size(), export.documents());
    }

    byte[] readExport(String id, long offset, int length) {
        if (length < 1 || length > MAX_CHUNK) {
            throw new IllegalArgumentException("length must be from 1 to " + MAX_CHUNK + " bytes, was " + length);
        }
        return sessions.get(id, ExportSession.class, "export").read(offset, length);
    }

    void endExport(String id) {
        sessions.close(id, ExportSession.class, "export");
    }

    String beginImport() {
        return sessions.open(id -> ImportSession.start(id, directory)).id();
    }

    long appendImport(String id, byte[] chunk) {
        if (chunk == null || chunk.length == 0 || chunk.length > MAX_CHUNK) {
            throw new IllegalArgumentException("a chunk must hold from 1 to " + MAX_CHUNK + " bytes, was "
                    + (chunk == null ? "null" : chunk.length + " bytes"));
        }
        return sessions.get(id, ImportSession.class, "import").append(chunk);
    }

    CompositeData finishImport(String id, String mode) {
        // the mode first: a wrong one leaves the upload in place, to be finished with a right one
        ImportOptions options = options(mode);
        return OpenTypes.importReport(sessions.take(id, ImportSession.class, "import").finish(cache, options));
    }

    void abortImport(String id) {
        sessions.close(id, ImportSession.class, "import");
    }

    /** Ends every transfer and deletes their files; later calls are refused. */
    void closeAll() {
        sessions.closeAll();
    }

    /**
     * {@code ALL_OR_NOTHING} or {@code SKIP_AND_REPORT}, in any case, with {@code -} for {@code _}
     * ({@code skip-and-report}, as the console's command line writes it).
     */
    static ImportOptions options(String mode) {
        if (mode != null) {
            String normalised = mode.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (ImportMode known : ImportMode.values()) {
                if (known.name().equals(normalised)) {
                    return ImportOptions.of(known);
                }
            }
        }
        throw new IllegalArgumentException("unknown import mode " + (mode == null ? "null" : "'" + mode + "'")
                + ": expected ALL_OR_NOTHING or SKIP_AND_REPORT");
    }

    private static Path path(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a path on the cache's machine is needed, was "
                    + (path == null ? "null" : "'" + path + "'"));
        }
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: '" + path + "' (" + e.getReason() + ")");
        }
    }
}
