package dev.docstore.console.jmx;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Moves a docstore cache's export between the target and this machine through the cache bean's chunked transfers
 * ({@code beginExport}/{@code readExport}/{@code endExport}, {@code beginImport}/{@code appendImport}/
 * {@code finishImport}/{@code abortImport}), one chunk of {@value #CHUNK} bytes at a time, so neither the console nor
 * the command line ever holds a whole file. An import whose upload fails half way (the stream breaks, is too large,
 * the target refuses a chunk) is aborted, so the cache is unchanged; an export is always ended, so the target deletes
 * its temporary file.
 *
 * <p>Thread-safe: holds nothing but the target; each export or import is used by one thread.
 */
public final class TransferClient {
    /** The bytes moved per call: large enough that a call's round trip is small beside it, small for the heap. */
    public static final int CHUNK = 1 << 20;
    /**
     * How long the calls whose work grows with the cache may take: writing the whole export, importing the whole
     * file. Chunk calls keep the target's usual answer timeout.
     */
    public static final Duration WHOLE_CACHE_TIMEOUT = Duration.ofMinutes(10);
    private static final Set<String> MODES = Set.of("ALL_OR_NOTHING", "SKIP_AND_REPORT");
    private static final String[] NONE = {};
    private static final String[] ID = {String.class.getName()};

    private final JmxTarget target;

    public TransferClient(JmxTarget target) {
        this.target = target;
    }

    /**
     * An import mode as the cache bean takes it: {@code ALL_OR_NOTHING} or {@code SKIP_AND_REPORT}, in any case,
     * with {@code -} for {@code _}; checked here so a wrong one is refused before a byte is sent.
     *
     * @throws OperationFailedException naming the modes, for anything else
     */
    public static String mode(String text) {
        String mode = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (!MODES.contains(mode)) {
            throw new OperationFailedException("unknown import mode '" + text
                    + "': expected ALL_OR_NOTHING or SKIP_AND_REPORT (or all-or-nothing, skip-and-report)");
        }
        return mode;
    }

    /** An export written on the target and ready to be read; close it to have the target delete it. */
    public final class Export implements AutoCloseable {
        private final ObjectName bean;
        private final String id;
        private final long bytes;
        private final long documents;

        private Export(ObjectName bean, CompositeData started) {
            this.bean = bean;
            this.id = (String) started.get("id");
            this.bytes = (Long) started.get("bytes");
            this.documents = (Long) started.get("documents");
        }

        /** The export's size in bytes. */
        public long bytes() {
            return bytes;
        }

        /** The documents in it. */
        public long documents() {
            return documents;
        }

        /**
         * Reads the export chunk by chunk and writes each to {@code out} before reading the next.
         *
         * @throws IOException              if {@code out} fails
         * @throws OperationFailedException if the export ends before its size (the target ended it)
         */
        public void copyTo(OutputStream out) throws IOException {
            long offset = 0;
            while (offset < bytes) {
                long from = offset;
                byte[] chunk = target.call(connection -> (byte[]) connection.invoke(bean, "readExport",
                        new Object[] {id, from, CHUNK}, new String[] {String.class.getName(), long.class.getName(),
                            int.class.getName()}));
                if (chunk.length == 0) {
                    throw new OperationFailedException("the export ended after " + offset + " of " + bytes
                            + " bytes");
                }
                out.write(chunk);
                offset += chunk.length;
            }
            out.flush();
        }

        /** Has the target delete the export; a failure here is left to the target's own cleanup of idle exports. */
        @Override
        public void close() {
            try {
                target.call(connection -> connection.invoke(bean, "endExport", new Object[] {id}, ID));
            } catch (OperationFailedException | TargetUnavailableException e) {
                // the target closes an export left idle, and deletes it when the cache closes
            }
        }
    }

    /** Has the target write an export of {@code ref}'s documents, to be read with {@link Export#copyTo}. */
    public Export beginExport(CacheRef ref) {
        ObjectName bean = documentBean(ref);
        CompositeData started = target.call(WHOLE_CACHE_TIMEOUT,
                connection -> (CompositeData) connection.invoke(bean, "beginExport", new Object[0], NONE));
        return new Export(bean, started);
    }

    /**
     * Sends {@code in} (read to its end, not closed) to {@code ref} in chunks and imports it in {@code mode}; returns
     * the report: {@code imported}, {@code expired}, {@code skipped} (each {@code line} and {@code message}) and
     * {@code indexesCreated}. If reading {@code in} or sending a chunk fails, the import is aborted and nothing
     * changes.
     *
     * @throws OperationFailedException with the target's message (naming the first bad line) if it refuses the file
     * @throws IOException              if {@code in} fails; the import was aborted
     */
    public Map<String, Object> importFrom(CacheRef ref, InputStream in, String mode) throws IOException {
        String checkedMode = mode(mode);
        ObjectName bean = documentBean(ref);
        String id = target.call(connection -> (String) connection.invoke(bean, "beginImport", new Object[0], NONE));
        boolean sent = false;
        try {
            for (byte[] chunk = in.readNBytes(CHUNK); chunk.length > 0; chunk = in.readNBytes(CHUNK)) {
                byte[] bytes = chunk;
                target.call(connection -> connection.invoke(bean, "appendImport", new Object[] {id, bytes},
                        new String[] {String.class.getName(), byte[].class.getName()}));
            }
            sent = true;
        } finally {
            if (!sent) {
                abort(bean, id);
            }
        }
        CompositeData report = target.call(WHOLE_CACHE_TIMEOUT, connection -> (CompositeData) connection.invoke(
                bean, "finishImport", new Object[] {id, checkedMode},
                new String[] {String.class.getName(), String.class.getName()}));
        return report(report);
    }

    private void abort(ObjectName bean, String id) {
        try {
            target.call(connection -> connection.invoke(bean, "abortImport", new Object[] {id}, ID));
        } catch (OperationFailedException | TargetUnavailableException e) {
            // nothing was imported either way; the target closes an import left idle, and deletes it with the cache
        }
    }

    private static Map<String, Object> report(CompositeData report) {
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (CompositeData problem : (CompositeData[]) report.get("skipped")) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("line", problem.get("line"));
            line.put("message", problem.get("message"));
            skipped.add(line);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("imported", report.get("imported"));
        answer.put("expired", report.get("expired"));
        answer.put("skipped", skipped);
        answer.put("indexesCreated", List.of((String[]) report.get("indexesCreated")));
        return answer;
    }

    private ObjectName documentBean(CacheRef ref) {
        ObjectName name = JmxNames.documentCache(ref);
        boolean registered = target.call(connection -> connection.isRegistered(name));
        if (!registered) {
            throw new UnknownCacheException(ref, target.description());
        }
        return name;
    }
}
