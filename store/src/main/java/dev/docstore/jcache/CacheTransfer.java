package dev.docstore.jcache;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.index.UniqueConstraintException;
import dev.docstore.jcache.copy.ValueCopies;
import dev.docstore.jcache.expiry.Expirable;
import dev.docstore.jcache.expiry.ExpiryRules;
import dev.docstore.transfer.AtomicFiles;
import dev.docstore.transfer.ExportHeader;
import dev.docstore.transfer.ExportWriter;
import dev.docstore.transfer.ExportedEntry;
import dev.docstore.transfer.ImportException;
import dev.docstore.transfer.ImportMode;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReader;
import dev.docstore.transfer.ImportReport;
import dev.docstore.transfer.JsonLines;
import dev.docstore.transfer.LineProblem;
import dev.docstore.transfer.ValueCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Export and import of one cache ({@link dev.docstore.transfer.JsonLines}).
 *
 * <p>An export reads one snapshot of the store, so writes that run meanwhile do not appear in it, and streams it line
 * by line: its memory does not grow with the cache. Entries expired when it starts are left out.
 *
 * <p>An import reads the whole file first: every line is parsed and checked (types, repeated keys, the end line),
 * the header's indexes that the cache lacks are created, and every document is checked against the unique indexes,
 * against the cache as it is and against the rest of the file. Only then are the documents stored, in the order of
 * their exported versions (so the new versions keep that order), each through the cache's write path as a
 * {@link KeyedDecision.Action#RESTORE}: under its key's lock, with its exported expiry time, CREATED or UPDATED to
 * listeners, never written through to a cache writer (the documents are the cache's own, not new data), and not
 * counted as puts. In all-or-nothing mode a failure while storing (a unique value a concurrent writer took meanwhile)
 * undoes what the import stored, key by key, and drops the indexes it created.
 *
 * <p>Thread-safe: an export or import is a sequence of ordinary, individually atomic cache operations; neither is
 * atomic as a whole with respect to concurrent writers of the same keys.
 */
final class CacheTransfer<K, V> {
    private final String name;
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final DocumentStore<K, Object> store;
    private final ExpiryRules expiry;
    private final ValueCopies copies;
    private final KeyedWrites<K, V> writes;
    private final DocumentCacheView<K, V> documents;
    private final ValueCodec codec;

    CacheTransfer(String name, Class<K> keyType, Class<V> valueType, ClassLoader classLoader,
                  DocumentStore<K, Object> store, ExpiryRules expiry, ValueCopies copies, KeyedWrites<K, V> writes,
                  DocumentCacheView<K, V> documents) {
        this.name = name;
        this.keyType = keyType;
        this.valueType = valueType;
        this.store = store;
        this.expiry = expiry;
        this.copies = copies;
        this.writes = writes;
        this.documents = documents;
        this.codec = new ValueCodec(JsonLines.mapper(), classLoader);
    }

    long exportTo(OutputStream out) throws IOException {
        try (Snapshot<K, Object> snapshot = store.snapshot(); Stream<Entry<K, Object>> entries = snapshot.stream()) {
            long now = expiry.now();
            ExportWriter writer = new ExportWriter(out, codec, keyType, valueType);
            // unchecked: a closing cache's last warm-restart save runs after it is marked closed, so that no
            // operation can slip in after it; callers from outside checked that the cache is open
            List<IndexDefinition> indexes =
                    documents.indexesUnchecked().stream().map(CacheTransfer::definition).toList();
            writer.header(new ExportHeader(name, keyType.getName(), valueType.getName(), indexes, Instant.now()));
            for (Iterator<Entry<K, Object>> it = entries.iterator(); it.hasNext(); ) {
                Entry<K, Object> entry = it.next();
                long expires = ExpiryRules.expiresAt(entry.value());
                if (expires <= now) {
                    continue;
                }
                writer.document(entry.key(), Expirable.valueOf(entry), entry.version(), entry.createdMillis(),
                        entry.updatedMillis(), expires);
            }
            return writer.finish();
        }
    }

    long exportTo(Path file) {
        long[] written = new long[1];
        AtomicFiles.write(file, out -> written[0] = exportTo(out));
        return written[0];
    }

    private static IndexDefinition definition(IndexInfo info) {
        return IndexDefinition.of(info.name(), info.paths(), info.unique());
    }

    ImportReport importFrom(Path file, ImportOptions options) {
        try (InputStream in = Files.newInputStream(file)) {
            return importFrom(in, file.toString(), options);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot import " + file + ": there is no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    ImportReport importFrom(InputStream in, String source, ImportOptions options) {
        ImportReader reader = new ImportReader(in, source, codec, keyType, valueType, options);
        ExportHeader header = reader.header();
        List<ExportedEntry> entries = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        reader.documents(entries::add, problems::add);
        long now = expiry.now();
        int before = entries.size();
        entries.removeIf(entry -> entry.expires() <= now);
        long expired = before - entries.size();
        refuseIfAny(source, options, problems);
        List<String> created = createIndexes(header, source, options);
        try {
            keepForms(entries, problems);
            entries.sort(Comparator.comparingLong(ExportedEntry::version).thenComparingLong(ExportedEntry::line));
            Set<ExportedEntry> refused = Collections.newSetFromMap(new IdentityHashMap<>());
            documents.checkUniqueEach(entries, entry -> keyOf(entry), ExportedEntry::value, (entry, refusal) -> {
                refused.add(entry);
                problems.add(new LineProblem(entry.line(), refusal.getMessage()));
            });
            entries.removeIf(refused::contains);
            refuseIfAny(source, options, problems);
            long imported = apply(entries, source, options, problems);
            problems.sort(Comparator.comparingLong(LineProblem::line));
            return new ImportReport(imported, expired, problems, created);
        } catch (RuntimeException | Error e) {
            created.forEach(documents::dropIndex);
            throw e;
        }
    }

    /**
     * Replaces each entry's value by the form the cache keeps (a frozen document, in a by-value cache), before
     * anything is stored: a value the cache cannot keep (a map that is no document) is a problem of its line, and its
     * entry is left out. Replacing in place lets the parsed form become garbage at once, rather than live beside the
     * kept form until the import ends (with a million documents, that doubled what each collection had to copy).
     */
    private void keepForms(List<ExportedEntry> entries, List<LineProblem> problems) {
        boolean anyRefused = false;
        for (ListIterator<ExportedEntry> it = entries.listIterator(); it.hasNext(); ) {
            ExportedEntry entry = it.next();
            try {
                Object kept = copies.valueIn(entry.value());
                if (kept != entry.value()) {
                    it.set(new ExportedEntry(entry.line(), entry.key(), kept, entry.version(), entry.created(),
                            entry.modified(), entry.expires()));
                }
            } catch (RuntimeException e) {
                problems.add(new LineProblem(entry.line(), "the cache cannot keep the value of key " + entry.key()
                        + ": " + e.getMessage()));
                it.set(null);
                anyRefused = true;
            }
        }
        if (anyRefused) {
            entries.removeIf(Objects::isNull);
        }
    }

    @SuppressWarnings("unchecked") // the reader checked the key against the cache's key type
    private K keyOf(ExportedEntry entry) {
        return (K) entry.key();
    }

    @SuppressWarnings("unchecked") // the reader checked the value against the cache's value type
    private V valueOf(Object kept) {
        return (V) kept;
    }

    private static void refuseIfAny(String source, ImportOptions options, List<LineProblem> problems) {
        if (options.mode() == ImportMode.ALL_OR_NOTHING && !problems.isEmpty()) {
            problems.sort(Comparator.comparingLong(LineProblem::line));
            throw new ImportException(source, problems);
        }
    }

    /** Creates the header's indexes that the cache lacks; returns their names. */
    private List<String> createIndexes(ExportHeader header, String source, ImportOptions options) {
        Set<String> existing = Set.copyOf(documents.indexNames());
        List<String> created = new ArrayList<>();
        for (IndexDefinition index : header.indexes()) {
            if (existing.contains(index.name())) {
                continue;
            }
            try {
                documents.createIndex(index);
                created.add(index.name());
            } catch (RuntimeException e) {
                created.forEach(documents::dropIndex);
                throw new ImportException(source, new LineProblem(1, "cannot create index '" + index.name()
                        + "' of the file: " + e.getMessage()));
            }
        }
        return created;
    }

    /** Stores the checked documents; in all-or-nothing mode, undoes them all if one fails. */
    private long apply(List<ExportedEntry> entries, String source, ImportOptions options,
                       List<LineProblem> problems) {
        boolean undoable = options.mode() == ImportMode.ALL_OR_NOTHING;
        List<Replaced<K>> replaced = undoable ? new ArrayList<>(entries.size()) : List.of();
        long imported = 0;
        for (ExportedEntry entry : entries) {
            K key = keyOf(entry);
            try {
                Entry<K, Object> previous = writes.operate(key, null, valueOf(entry.value()),
                        KeyedDecisions.restore(entry.expires(), entry.created(), entry.modified()));
                imported++;
                if (undoable) {
                    replaced.add(new Replaced<>(key, previous));
                }
            } catch (RuntimeException e) {
                LineProblem problem = new LineProblem(entry.line(), "storing key " + key + " failed: "
                        + (e.getCause() instanceof UniqueConstraintException refusal ? refusal.getMessage()
                        : e.getMessage()));
                if (undoable) {
                    ImportException refused = new ImportException(source, problem);
                    refused.addSuppressed(e);
                    undo(replaced, refused);
                    throw refused;
                }
                problems.add(problem);
            }
        }
        return imported;
    }

    /** Puts back what the import replaced, newest first; a key that cannot be put back is added to {@code failure}. */
    private void undo(List<Replaced<K>> replaced, RuntimeException failure) {
        for (int i = replaced.size() - 1; i >= 0; i--) {
            K key = replaced.get(i).key();
            Entry<K, Object> previous = replaced.get(i).previous();
            try {
                if (previous == null) {
                    writes.operate(key, null, null, KeyedDecisions.removeDeleted());
                } else {
                    writes.operate(key, null, valueOf(Expirable.valueOf(previous)),
                            KeyedDecisions.restore(ExpiryRules.expiresAt(previous.value()), previous.createdMillis(),
                                    previous.updatedMillis()));
                }
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** A key the import stored, and the live entry it had before ({@code null}: none). */
    private record Replaced<K>(K key, Entry<K, Object> previous) {
    }
}
