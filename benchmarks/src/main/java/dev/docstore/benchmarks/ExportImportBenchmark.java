package dev.docstore.benchmarks;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Export and import of a whole cache ({@link DocumentCache#exportTo}, {@link DocumentCache#importFrom}) against
 * Jackson writing and reading the same documents as JSON Lines without docstore, in the same run: the bar is docstore
 * within 2× Jackson's time. The documents are {@link Customers} ({@code Map}s of about 230 bytes of JSON) under
 * {@code String} keys.
 * <ul>
 *   <li>{@code docstoreExport}: a docstore cache of the documents exported to a stream that counts and discards the
 *       bytes (no disk, so the figure is docstore's own cost);</li>
 *   <li>{@code jacksonWrite}: the same keys and documents, held in a {@code HashMap}, written by a plain
 *       {@link ObjectMapper} through a {@link SequenceWriter} as one {@code {"key": …, "value": …}} line each, to the
 *       same kind of stream;</li>
 *   <li>{@code docstoreImport}: the export's bytes, read from memory, imported all or nothing into an empty cache
 *       (created, and the previous one destroyed, outside the timing);</li>
 *   <li>{@code jacksonRead}: Jackson's bytes read back with a {@link MappingIterator} into a {@code HashMap} of key to
 *       document.</li>
 * </ul>
 * One operation is a whole export or import, so the mode is single-shot: each iteration times one operation, after a
 * full collection of what the previous one left (a million documents of garbage, which would otherwise be collected
 * during whichever operation came next). Setup checks that the measured side's file reads back to the documents
 * written, key by key, so neither side can win by writing less. Run it with one thread ({@code -t 1}): setup refuses
 * more.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Warmup(iterations = 4)
@Measurement(iterations = 5)
// jvmArgs rather than jvmArgsAppend, so that a profiling run's -jvmArgsAppend (a flight recording) keeps this heap;
// at 1M documents the source (as HashMap documents, in the cache, as both files) and an import's parsed lines and
// new cache hold about 4 GB at once
@Fork(value = 3, jvmArgs = {"-Xms8g", "-Xmx8g"})
public class ExportImportBenchmark {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final ObjectWriter LINE_WRITER = JACKSON.writerFor(Line.class).withRootValueSeparator("\n");
    private static final ObjectReader LINE_READER = JACKSON.readerFor(Line.class);

    /** Jackson's line: the key and the document, as a plain application would write them. */
    public record Line(String key, Map<String, Object> value) {
    }

    /** The documents: in a docstore cache, in a {@code HashMap}, and as each side's JSON Lines bytes. */
    @State(Scope.Benchmark)
    public static class Source {
        @Param({"1000000"})
        public int documents;

        /** By value (JCache's default: documents are frozen once as they go in) or by reference. */
        @Param({"true"})
        public boolean storeByValue;

        CacheManager manager;
        Cache<String, Map<String, Object>> cache;
        Map<String, Map<String, Object>> plain;
        byte[] exported;
        byte[] jacksonLines;

        @Setup(Level.Trial)
        public void fill(BenchmarkParams params) throws IOException {
            if (params.getThreads() != 1) {
                throw new IllegalStateException("run with one thread (-t 1), not " + params.getThreads()
                        + ": each operation is a whole export or import of the one cache");
            }
            List<Map<String, Object>> generated = Customers.generate(documents);
            plain = new HashMap<>();
            manager = DocstoreCaches.manager("export-import");
            cache = create(manager, "source", storeByValue);
            for (int id = 0; id < documents; id++) {
                plain.put(Customers.key(id), generated.get(id));
                cache.put(Customers.key(id), generated.get(id));
            }
            ByteArrayOutputStream export = new ByteArrayOutputStream();
            DocstoreCaches.documents(cache).exportTo(export);
            exported = export.toByteArray();
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            writeWithJackson(plain, lines);
            jacksonLines = lines.toByteArray();
            // each fork checks the side it measures: the other side's check (an import of a million documents)
            // would only lengthen its setup
            if (params.getBenchmark().endsWith(".jacksonWrite") || params.getBenchmark().endsWith(".jacksonRead")) {
                checkJacksonReadsBack();
            } else {
                checkExportReadsBack();
            }
        }

        /** Jackson's lines read back to every key and document written, or the run fails. */
        private void checkJacksonReadsBack() throws IOException {
            if (!readWithJackson(jacksonLines).equals(plain)) {
                throw new IllegalStateException("Jackson's lines do not read back to the documents written");
            }
        }

        /** The export imports back to every key and document written, or the run fails. */
        private void checkExportReadsBack() {
            Cache<String, Map<String, Object>> imported = create(manager, "check", storeByValue);
            importInto(DocstoreCaches.documents(imported), exported, documents);
            for (Map.Entry<String, Map<String, Object>> document : plain.entrySet()) {
                if (!document.getValue().equals(imported.get(document.getKey()))) {
                    throw new IllegalStateException("the export of key " + document.getKey() + " imports as "
                            + imported.get(document.getKey()) + ", not " + document.getValue());
                }
            }
            manager.destroyCache("check");
        }

        @TearDown(Level.Trial)
        public void close() {
            manager.close();
        }
    }

    /** An empty cache for each import, created after the previous one is destroyed. */
    @State(Scope.Thread)
    public static class ImportTarget {
        CacheManager manager;
        DocumentCache<String, Map<String, Object>> cache;

        @Setup(Level.Invocation)
        public void create(Source source) {
            manager = source.manager;
            cache = DocstoreCaches.documents(ExportImportBenchmark.create(manager, "target", source.storeByValue));
        }

        @TearDown(Level.Invocation)
        public void destroy() {
            manager.destroyCache("target");
        }
    }

    /** A full collection before each operation, so that none is charged for collecting another's garbage. */
    @State(Scope.Thread)
    public static class Collected {
        @Setup(Level.Invocation)
        public void collect() {
            System.gc();
        }
    }

    @Benchmark
    public long docstoreExport(Source source, Collected collected) {
        DiscardingStream out = new DiscardingStream();
        DocstoreCaches.documents(source.cache).exportTo(out);
        return out.bytes;
    }

    @Benchmark
    public long jacksonWrite(Source source, Collected collected) throws IOException {
        DiscardingStream out = new DiscardingStream();
        writeWithJackson(source.plain, out);
        return out.bytes;
    }

    @Benchmark
    public ImportReport docstoreImport(Source source, ImportTarget target, Collected collected) {
        return importInto(target.cache, source.exported, source.documents);
    }

    @Benchmark
    public Map<String, Map<String, Object>> jacksonRead(Source source, Collected collected) throws IOException {
        return readWithJackson(source.jacksonLines);
    }

    private static void writeWithJackson(Map<String, Map<String, Object>> documents, OutputStream out)
            throws IOException {
        try (SequenceWriter lines = LINE_WRITER.writeValues(out)) {
            for (Map.Entry<String, Map<String, Object>> document : documents.entrySet()) {
                lines.write(new Line(document.getKey(), document.getValue()));
            }
        }
    }

    private static Map<String, Map<String, Object>> readWithJackson(byte[] bytes) throws IOException {
        Map<String, Map<String, Object>> documents = new HashMap<>();
        try (MappingIterator<Line> lines = LINE_READER.readValues(new ByteArrayInputStream(bytes))) {
            while (lines.hasNextValue()) {
                Line line = lines.nextValue();
                documents.put(line.key(), line.value());
            }
        }
        return documents;
    }

    private static ImportReport importInto(DocumentCache<String, Map<String, Object>> cache, byte[] bytes,
                                           int documents) {
        ImportReport report = cache.importFrom(new ByteArrayInputStream(bytes), ImportOptions.allOrNothing());
        if (report.imported() != documents) {
            throw new IllegalStateException("imported " + report.imported() + " of " + documents + " documents");
        }
        return report;
    }

    private static Cache<String, Map<String, Object>> create(CacheManager manager, String name,
                                                             boolean storeByValue) {
        return manager.createCache(name, new MutableConfiguration<String, Map<String, Object>>()
                .setTypes(String.class, documentType()).setStoreByValue(storeByValue));
    }

    @SuppressWarnings("unchecked") // a class literal cannot carry Map's type arguments
    private static Class<Map<String, Object>> documentType() {
        return (Class<Map<String, Object>>) (Class<?>) Map.class;
    }

    /** Counts what is written and keeps none of it, so both sides pay only for producing their bytes. */
    private static final class DiscardingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
