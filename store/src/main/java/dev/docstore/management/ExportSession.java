package dev.docstore.management;

import dev.docstore.jcache.DocumentCache;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * An export a client reads in chunks: the cache's documents are written once, at the start, to a private temporary
 * file ({@code DocumentCache.exportTo}, one snapshot), which the client then reads at offsets of its choosing, so a
 * chunk lost on the way can be read again and the cache is never held up by a slow client.
 *
 * <p>Thread-safe: the file is complete before the session is published and is only read after, with positional
 * reads on one channel, which may run concurrently; {@link #close} closes the channel and deletes the file, after
 * which a read fails with {@link IllegalStateException}.
 */
final class ExportSession implements TransferSession {
    private final String id;
    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final long documents;

    private ExportSession(String id, Path file, FileChannel channel, long size, long documents) {
        this.id = id;
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.documents = documents;
    }

    /** Exports {@code cache} to a new private file in {@code directory}, named after {@code id}. */
    static ExportSession start(String id, Path directory, DocumentCache<?, ?> cache) {
        Path file = null;
        try {
            file = PrivateFiles.create(directory, "docstore-export-" + id + "-", ".jsonl");
            long documents;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                documents = cache.exportTo(out);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new ExportSession(id, file, channel, channel.size(), documents);
        } catch (IOException e) {
            if (file != null) {
                PrivateFiles.deleteQuietly(file);
            }
            throw new UncheckedIOException("cannot write the export to a temporary file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (file != null) {
                PrivateFiles.deleteQuietly(file);
            }
            throw e;
        }
    }

    /** The export's length in bytes. */
    long size() {
        return size;
    }

    /** The number of documents in the export. */
    long documents() {
        return documents;
    }

    /**
     * Up to {@code length} bytes from {@code offset}: fewer only at the end of the file, none at its end.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or beyond the end
     */
    byte[] read(long offset, int length) {
        if (offset < 0 || offset > size) {
            throw new IllegalArgumentException("offset must be from 0 to the export's size " + size + ", was "
                    + offset);
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, size - offset));
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the export can no longer be read (it was ended, or its temporary file"
                    + " failed): " + e.getMessage());
        }
        return buffer.position() == buffer.capacity() ? buffer.array()
                : Arrays.copyOf(buffer.array(), buffer.position());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the file is deleted all the same; a read-only channel has nothing left to flush
        }
        PrivateFiles.deleteQuietly(file);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return "export";
    }
}
