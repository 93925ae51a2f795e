package dev.docstore.management;

import dev.docstore.jcache.DocumentCache;
import dev.docstore.transfer.ImportException;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An import a client sends in chunks: each chunk is appended to a private temporary file, and only when the client
 * finishes is the whole file imported ({@code DocumentCache.importFrom}), so a transfer that breaks off half way
 * changes nothing in the cache, and the import sees the whole file, as all-or-nothing mode needs.
 *
 * <p>Thread-safe: appends and finishing are serialised on the session, so chunks from two threads never interleave
 * within a chunk; a client that sends chunks concurrently gets them in the order they take the lock.
 */
final class ImportSession implements TransferSession {
    /** How an import through chunks names its file in messages: the client's file, not the temporary one. */
    static final String SOURCE = "the uploaded file";

    private final String id;
    private final Path file;
    private final FileChannel channel;
    private long size;
    private boolean closed;

    private ImportSession(String id, Path file, FileChannel channel) {
        this.id = id;
        this.file = file;
        this.channel = channel;
    }

    /** A new, empty import file in {@code directory}, named after {@code id}. */
    static ImportSession start(String id, Path directory) {
        try {
            Path file = PrivateFiles.create(directory, "docstore-import-" + id + "-", ".jsonl");
            try {
                return new ImportSession(id, file, FileChannel.open(file, StandardOpenOption.WRITE));
            } catch (IOException | RuntimeException e) {
                PrivateFiles.deleteQuietly(file);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the import: " + e.getMessage(), e);
        }
    }

    /** Appends {@code chunk}; returns the bytes received so far. */
    synchronized long append(byte[] chunk) {
        requireOpen();
        try {
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            while (buffer.hasRemaining()) {
                channel.write(buffer, size + buffer.position());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to the import's temporary file (is the disk full?): "
                    + e.getMessage());
        }
        size += chunk.length;
        return size;
    }

    /**
     * Imports the file received into {@code cache} and ends the session, whatever the outcome. A refusal names the
     * client's file ({@link #SOURCE}), not the temporary one.
     */
    synchronized ImportReport finish(DocumentCache<?, ?> cache, ImportOptions options) {
        requireOpen();
        try {
            channel.close();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                return cache.importFrom(in, options);
            }
        } catch (ImportException e) {
            throw e.problems().size() < ImportException.MAX_PROBLEMS ? new ImportException(SOURCE, e.problems()) : e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import's temporary file: " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the import was finished or aborted");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // what was written is deleted next; nothing of it is needed
        }
        PrivateFiles.deleteQuietly(file);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return "import";
    }
}
