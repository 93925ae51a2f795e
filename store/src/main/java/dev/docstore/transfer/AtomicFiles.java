package dev.docstore.transfer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that a crash at any moment leaves either the old file or the complete new one: the content is
 * written to a temporary file beside it ({@code name.*.saving}), forced to disk, renamed over the target in one atomic
 * step, and the directory is forced so that the rename itself survives a power loss. A failure deletes the temporary
 * file and leaves the target as it was; a temporary file that a killed process left behind is never read, and
 * {@link #deleteLeftovers} removes it.
 *
 * <p>Thread-safe: each call writes its own temporary file; of two concurrent writes of one target, the later rename
 * wins whole.
 */
public final class AtomicFiles {
    private static final String SUFFIX = ".saving";
    private static final int BUFFER = 1 << 16;

    private AtomicFiles() {
    }

    /** What writes the content; it must not close the stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} atomically, creating its directory if needed.
     *
     * @throws UncheckedIOException when the file cannot be written; the target is unchanged
     */
    public static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, absolute.getFileName() + ".", SUFFIX);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(temporary, absolute);
            temporary = null;
            forceDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to + " cannot rename atomically, so a crash during a save"
                    + " could lose the file; choose another directory", e);
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the rename is then as durable as they make it
        }
    }

    /** Deletes the temporary files that interrupted writes of {@code target} left; returns how many. */
    public static int deleteLeftovers(Path target) {
        Path absolute = target.toAbsolutePath();
        String prefix = absolute.getFileName() + ".";
        int deleted = 0;
        if (!Files.isDirectory(absolute.getParent())) {
            return 0;
        }
        try (var files = Files.newDirectoryStream(absolute.getParent(), prefix + "*" + SUFFIX)) {
            for (Path leftover : files) {
                deleteQuietly(leftover);
                deleted++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + absolute.getParent() + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover is harmless: it is never read, and the next save's deleteLeftovers tries again
        }
    }
}
