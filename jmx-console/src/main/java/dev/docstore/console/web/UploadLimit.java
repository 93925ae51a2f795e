package dev.docstore.console.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read up to a limit: a read that would go past it fails with {@link TooLarge} after reading at most
 * one byte more than the limit (the byte that shows the body is larger), so a body that does not declare its length
 * is refused as early as one that does. Also tells whether the body was read to its end, so the connection can
 * serve the client's next request.
 *
 * <p>Not thread-safe: one worker reads a body.
 */
final class UploadLimit extends FilterInputStream {
    /** The body is larger than the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the request body is over " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;
    private boolean ended;

    UploadLimit(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        // one byte past the limit at most: enough to know the body is too large
        int allowed = (int) Math.min(length, limit - count + 1);
        int read = super.read(buffer, offset, allowed);
        if (read < 0) {
            ended = true;
            return read;
        }
        count += read;
        if (count > limit) {
            throw new TooLarge(limit);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("an upload is read, not skipped");
    }

    /** Whether the body was read to its end. */
    boolean ended() {
        return ended;
    }
}
