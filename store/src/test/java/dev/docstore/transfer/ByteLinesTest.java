package dev.docstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteLinesTest {
    /** A stream that hands out its bytes in random small or large pieces, as sockets and pipes do. */
    private static InputStream inPieces(byte[] bytes, Random random) {
        return new InputStream() {
            private int position;

            @Override
            public int read() {
                return position < bytes.length ? bytes[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (position == bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(length, 1 + random.nextInt(random.nextBoolean() ? 7 : 100_000)),
                        bytes.length - position);
                System.arraycopy(bytes, position, into, offset, n);
                position += n;
                return n;
            }
        };
    }

    @Test
    void linesOfAnyLengthAcrossAnyPiecesComeBackWhole() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 30; round++) {
            List<String> lines = new ArrayList<>();
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            int count = random.nextInt(20);
            for (int i = 0; i < count; i++) {
                int length = random.nextInt(10) == 0 ? random.nextInt(200_000) : random.nextInt(50);
                String line = "ü😀x".repeat(length / 4 + 1).substring(0, length / 4 * 4);
                lines.add(line);
                file.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                boolean last = i == count - 1;
                if (!last || line.isEmpty() || random.nextBoolean()) { // an unended empty last line is no line
                    file.writeBytes((random.nextBoolean() ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            ByteLines reader = new ByteLines(inPieces(file.toByteArray(), random));
            List<String> read = new ArrayList<>();
            while (reader.next()) {
                read.add(new String(reader.bytes(), reader.start(), reader.length(), StandardCharsets.UTF_8));
            }
            assertThat(read).as("seed %d, round %d", seed, round).isEqualTo(lines);
        }
    }

    @Test
    void blankLinesAreThoseOfSpacesAndTabsOnly() throws IOException {
        ByteLines reader = new ByteLines(new java.io.ByteArrayInputStream(" \t\n x\n\n".getBytes(
                StandardCharsets.UTF_8)));
        List<Boolean> blank = new ArrayList<>();
        while (reader.next()) {
            blank.add(reader.isBlank());
        }
        assertThat(blank).containsExactly(true, false, true);
    }
}
