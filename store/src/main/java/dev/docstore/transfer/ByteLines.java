package dev.docstore.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a stream as byte ranges, without decoding them: Jackson parses UTF-8 bytes itself (and reports bytes
 * that are not UTF-8 as an error of the line that holds them), so decoding to strings first would cost a copy and
 * lose the line a bad byte is on. A line ends at {@code \n}; a {@code \r} before it is dropped. The range is valid
 * until the next call of {@link #next()}.
 *
 * <p>Not thread-safe.
 */
final class ByteLines {
    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    /** Bytes of the buffer read from the stream: {@code [0, limit)}. */
    private int limit;
    /** Where the next line starts. */
    private int position;
    private int start;
    private int length;
    private boolean ended;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    take(i, i + 1);
                    return true;
                }
            }
            int unreadFrom = position;
            scanned = limit;
            if (ended || !fill()) {
                ended = true;
                if (position < limit) {
                    take(limit, limit);
                    return true;
                }
                return false;
            }
            scanned -= unreadFrom - position; // fill moved the unread bytes to the front
        }
    }

    private void take(int end, int next) {
        start = position;
        length = end - position;
        if (length > 0 && buffer[start + length - 1] == '\r') {
            length--;
        }
        position = next;
    }

    /** Reads more of the stream, moving the unread part to the front or growing the buffer; false at its end. */
    private boolean fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }

    byte[] bytes() {
        return buffer;
    }

    int start() {
        return start;
    }

    int length() {
        return length;
    }

    /** Whether the line holds nothing but spaces and tabs. */
    boolean isBlank() {
        for (int i = start; i < start + length; i++) {
            if (buffer[i] != ' ' && buffer[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
