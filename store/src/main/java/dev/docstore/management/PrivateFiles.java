package dev.docstore.management;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Temporary files that only the cache's own user can read: a transfer's file holds every document of a cache, so it
 * is created owner-only from the start (not made private after being created, which would leave a moment in which
 * another user could open it).
 */
final class PrivateFiles {
    private PrivateFiles() {
    }

    /** A new, empty file in {@code directory} that only its owner can read and write. */
    static Path create(Path directory, String prefix, String suffix) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(directory, prefix, suffix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        // not POSIX (Windows): a temporary file there is already private to its user's profile directory
        return Files.createTempFile(directory, prefix, suffix);
    }

    /** Deletes {@code file} if it is there; a failure is left for the operating system's temporary-file cleanup. */
    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more can be done here: the file is private and named as docstore's, so it is recognisable
        }
    }
}
