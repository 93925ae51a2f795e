package dev.docstore.engine;

import dev.docstore.document.Documents;
import dev.docstore.document.InvalidDocumentException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory, concurrent, versioned key-value store of immutable documents.
 *
 * <p>Values that are {@code Map}s are documents: they are {@linkplain Documents#freeze frozen} into deeply immutable
 * copies on write, and every reader shares that copy. Other values are stored as given. Every write makes a new
 * {@link Entry} with the next number of a store-wide sequence as its version, and created/updated times from the
 * store's clock.
 *
 * <p>Concurrency: every single-key operation is linearizable. Reads take no lock and allocate nothing. Writes are
 * optimistic per key (see {@link VersionTable}): writers on different keys never wait for each other, and there is no
 * store-wide lock. {@link #snapshot()} gives a consistent point-in-time view at the cost of keeping old versions
 * until it is closed. {@link #clear()} and {@link #size()} are not point-in-time operations; take a snapshot for that.
 *
 * <p>Errors are checked in go-store's order: a closed store ({@link StoreClosedException}) first, then the arguments
 * ({@link NullPointerException} for null keys and values, {@link InvalidDocumentException},
 * {@link IllegalArgumentException}), then the state of the key ({@link DocumentNotFoundException},
 * {@link VersionConflictException}). A call that throws has changed nothing.
 *
 * @param <K> the key type; keys must be immutable with sound {@code equals} and {@code hashCode}
 * @param <V> the value type
 */
public final class DocumentStore<K, V> implements AutoCloseable {
    /** How long a snapshot may stay open before the store closes it, unless the builder says otherwise. */
    public static final Duration DEFAULT_MAX_SNAPSHOT_AGE = Duration.ofMinutes(5);

    private final String name;
    private final Clock clock;
    private final boolean freezeDocuments;
    private final VersionTable<K, V> table;
    private volatile boolean closed;

    private DocumentStore(String name, Clock clock, boolean timed, Duration maxSnapshotAge, long initialSequence,
                          boolean freezeDocuments) {
        this.name = name;
        this.clock = clock;
        this.freezeDocuments = freezeDocuments;
        this.table = new VersionTable<>(clock, timed, maxSnapshotAge, initialSequence);
    }

    /** A store with the default name, the system clock and the default maximum snapshot age. */
    public static <K, V> DocumentStore<K, V> create() {
        return DocumentStore.<K, V>builder().build();
    }

    /** A builder for a store with a name, clock or maximum snapshot age of your choosing. */
    public static <K, V> Builder<K, V> builder() {
        return new Builder<>();
    }

    /** The store's name, used in error messages. */
    public String name() {
        return name;
    }

    /** The entry of {@code key}, or {@code null} when it has none. Lock-free; allocates nothing. */
    public @Nullable Entry<K, V> get(K key) {
        checkOpen();
        return table.live(requireKey(key));
    }

    /** The value of {@code key}, or {@code null} when it has none. */
    public @Nullable V value(K key) {
        Entry<K, V> entry = get(key);
        return entry == null ? null : entry.value();
    }

    /** Whether {@code key} has a value. */
    public boolean containsKey(K key) {
        return get(key) != null;
    }

    /** Writes {@code value} as the next version of {@code key}, whatever it had; returns the new entry. */
    public Entry<K, V> put(K key, V value) {
        checkOpen();
        Version<K, V> candidate = table.candidate(requireKey(key), prepare(value));
        table.operate(key, candidate, 0, Decision.Standard.ALWAYS);
        return candidate;
    }

    /** Writes {@code value} only if {@code key} has none; otherwise returns the existing entry unchanged. */
    public WriteResult<K, V> putIfAbsent(K key, V value) {
        checkOpen();
        Version<K, V> candidate = table.candidate(requireKey(key), prepare(value));
        Version<K, V> head = table.operate(key, candidate, 0, Decision.Standard.IF_ABSENT);
        return candidate.isCommitted() ? new WriteResult<>(true, null, candidate) : WriteResult.unchanged(head);
    }

    /** Writes {@code value} only if {@code key} has a value now; otherwise writes nothing. */
    public WriteResult<K, V> replace(K key, V value) {
        checkOpen();
        Version<K, V> candidate = table.candidate(requireKey(key), prepare(value));
        Version<K, V> head = table.operate(key, candidate, 0, Decision.Standard.IF_LIVE);
        return candidate.isCommitted() ? new WriteResult<>(true, head, candidate) : WriteResult.unchanged(null);
    }

    /**
     * Writes {@code value} only if {@code key}'s current version is {@code expectedVersion}: optimistic concurrency.
     *
     * @return the new entry
     * @throws DocumentNotFoundException if {@code key} has no value
     * @throws VersionConflictException  if its version is another; carries the current version
     */
    public Entry<K, V> replace(K key, long expectedVersion, V value) {
        checkOpen();
        requireKey(key);
        requireVersion(expectedVersion);
        Version<K, V> candidate = table.candidate(key, prepare(value));
        table.operate(key, candidate, expectedVersion, Decision.Standard.IF_VERSION);
        return candidate;
    }

    /** Removes {@code key}; returns the entry it had, or {@code null} when it had none. */
    public @Nullable Entry<K, V> remove(K key) {
        checkOpen();
        Version<K, V> candidate = table.candidate(requireKey(key), null);
        Version<K, V> head = table.operate(key, candidate, 0, Decision.Standard.IF_LIVE);
        return candidate.isCommitted() ? head : null;
    }

    /**
     * Removes {@code key} only if its current version is {@code expectedVersion}.
     *
     * @return the entry removed
     * @throws DocumentNotFoundException if {@code key} has no value
     * @throws VersionConflictException  if its version is another; carries the current version
     */
    public Entry<K, V> remove(K key, long expectedVersion) {
        checkOpen();
        requireKey(key);
        requireVersion(expectedVersion);
        Version<K, V> candidate = table.candidate(key, null);
        return table.operate(key, candidate, expectedVersion, Decision.Standard.IF_VERSION);
    }

    /**
     * Writes {@code value} only if {@code key} is still as the caller saw it: live at {@code expectedVersion}, or, for
     * {@code expectedVersion} 0, without a live value. Otherwise writes nothing, and throws nothing: for a caller that
     * decided what to write from what it read.
     *
     * @return the new entry, or {@code null} when the key had changed
     */
    public @Nullable Entry<K, V> putIfStill(K key, long expectedVersion, V value) {
        checkOpen();
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expected version must be positive, or 0 for none, was "
                    + expectedVersion);
        }
        Version<K, V> candidate = table.candidate(requireKey(key), prepare(value));
        table.operate(key, candidate, expectedVersion, Decision.Standard.IF_STILL);
        return candidate.isCommitted() ? candidate : null;
    }

    /**
     * {@link #putIfStill}, with the entry's created and updated times given rather than read from the clock: for
     * restoring an entry as it was exported. A store that keeps no times ignores them.
     *
     * @return the new entry, or {@code null} when the key had changed
     */
    public @Nullable Entry<K, V> restoreIfStill(K key, long expectedVersion, V value, long createdMillis,
                                                long updatedMillis) {
        checkOpen();
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expected version must be positive, or 0 for none, was "
                    + expectedVersion);
        }
        Version<K, V> candidate = table.isTimed()
                ? new Version.Restored<>(requireKey(key), prepare(value), createdMillis, updatedMillis)
                : table.candidate(requireKey(key), prepare(value));
        table.operate(key, candidate, expectedVersion, Decision.Standard.IF_STILL);
        return candidate.isCommitted() ? candidate : null;
    }

    /**
     * Removes {@code key} if its current version is still {@code expectedVersion}, and otherwise does nothing: no
     * exception when it changed or went meanwhile (for a caller that found an entry stale, such as an expiry).
     *
     * @return whether this call removed it
     */
    public boolean removeIfStill(K key, long expectedVersion) {
        checkOpen();
        Version<K, V> candidate = table.candidate(requireKey(key), null);
        table.operate(key, candidate, expectedVersion, Decision.Standard.IF_VERSION_QUIETLY);
        return candidate.isCommitted();
    }

    /**
     * Atomically replaces the entry of {@code key} by what {@code updater} decides from it. The decision is retried
     * on the new entry when another writer got there first (see {@link Updater}); what the updater throws propagates
     * and nothing is written.
     */
    public WriteResult<K, V> update(K key, Updater<K, V> updater) {
        checkOpen();
        requireKey(key);
        Objects.requireNonNull(updater, "updater must not be null");
        Version<K, V> candidate = table.candidate(key, null);
        Version<K, V> head = table.operate(key, candidate, 0, new UpdateDecision<K, V>(updater, this::prepare));
        Version<K, V> current = Decision.isLive(head) ? head : null;
        if (!candidate.isCommitted()) {
            return WriteResult.unchanged(current);
        }
        return new WriteResult<>(true, current, candidate.isTombstone() ? null : candidate);
    }

    /** Removes every key, each atomically; not a point-in-time operation (writes racing with it may survive). */
    public void clear() {
        checkOpen();
        for (K key : table.heads.keySet()) {
            remove(key);
        }
    }

    /** The number of documents; exact when no write is under way. */
    public long size() {
        checkOpen();
        return table.documentCount();
    }

    /** Opens a point-in-time view of the whole store. Close it when done. */
    public Snapshot<K, V> snapshot() {
        checkOpen();
        return new Snapshot<>(this, table);
    }

    /**
     * Runs {@code reading} on a snapshot opened for it, and closes the snapshot when it returns or throws: the cheap
     * way to read one point in time within a call (the snapshot needs no guard against being forgotten). The
     * snapshot must not be used after {@code reading} returns; take {@link #snapshot()} to keep one.
     */
    public <R> R read(Function<? super Snapshot<K, V>, ? extends R> reading) {
        checkOpen();
        Objects.requireNonNull(reading, "reading must not be null");
        Snapshot<K, V> snapshot = new Snapshot<>(this, table, false);
        try {
            return reading.apply(snapshot);
        } finally {
            snapshot.close();
        }
    }

    /**
     * The entries of a snapshot taken now, read lazily (go-store's {@code Stream}). Closing the stream closes the
     * snapshot; an unclosed one is released after garbage collection or the maximum snapshot age.
     */
    public Stream<Entry<K, V>> stream() {
        Snapshot<K, V> snapshot = snapshot();
        return snapshot.stream().onClose(snapshot::close);
    }

    /** A cursor over a snapshot taken now; the snapshot closes with the cursor and its last open copy. */
    public Cursor<K, V> cursor() {
        return new Cursor<>(snapshot(), new AtomicInteger(1));
    }

    /** A copy of the store at this moment, with the same keys, versions and timestamps. */
    public DocumentStore<K, V> copy() {
        return copy((key, value) -> value);
    }

    /**
     * A copy of the store at this moment, each value passed through {@code transform} (go-store's
     * {@code CloneWithCallback}); a {@code null} result leaves the key out. Keys keep their versions and timestamps.
     * The transform runs on a snapshot with no lock held, so it may use this store freely.
     */
    public DocumentStore<K, V> copy(BiFunction<? super K, ? super V, ? extends @Nullable V> transform) {
        checkOpen();
        Objects.requireNonNull(transform, "transform must not be null");
        try (Snapshot<K, V> snapshot = snapshot()) {
            DocumentStore<K, V> copy = new DocumentStore<>(name, clock, table.isTimed(), table.snapshots.maxAge(),
                    snapshot.readPoint(), freezeDocuments);
            snapshot.stream().forEach(entry -> {
                V value = transform.apply(entry.key(), entry.value());
                if (value != null) {
                    copy.table.load(Version.stamped(entry.key(), prepare(value), entry.createdMillis(),
                            entry.updatedMillis(), entry.version(), table.isTimed()));
                }
            });
            return copy;
        }
    }

    /**
     * Attaches the store's write observer (indexes use this): from the moment this returns, every commit is shown to
     * it, and no commit that was not is still under way. A store has at most one observer at a time.
     *
     * @return what the observer may ask of the store, and how it detaches
     * @throws IllegalStateException if an observer is attached already
     */
    public StoreAccess<K, V> attach(WriteObserver<K, V> observer) {
        checkOpen();
        Objects.requireNonNull(observer, "observer must not be null");
        table.attach(observer);
        return new ObserverAccess<>(this, table, observer);
    }

    /** Figures for monitoring: documents, versions held, open snapshots. */
    public StoreFigures figures() {
        checkOpen();
        table.snapshots.horizon();
        return new StoreFigures(table.documentCount(), table.versionCount(), table.snapshots.size(),
                table.keysWithHistory(), table.sequence.get());
    }

    /** How many keys the release of snapshots has visited to reclaim history, so far; for tests of its cost. */
    long drainedKeys() {
        return table.drainedKeys();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the store and drops its data. Idempotent. Every later call fails with {@link StoreClosedException}, and
     * so does the next use of any snapshot, stream or cursor still open.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        table.discard();
    }

    /**
     * Throws {@link StoreClosedException} when the store is closed; for code built on the store that must fail the
     * same way.
     */
    public void checkOpen() {
        if (closed) {
            throw new StoreClosedException(name);
        }
    }

    private static <K> K requireKey(K key) {
        return Objects.requireNonNull(key, "key must not be null");
    }

    private static void requireVersion(long expectedVersion) {
        if (expectedVersion <= 0) {
            throw new IllegalArgumentException("expected version must be positive, was " + expectedVersion);
        }
    }

    /** Freezes documents (unless the builder said not to); other values are kept as they are. */
    @SuppressWarnings("unchecked") // a frozen copy of a Map<String, ?> is a Map<String, Object>, the same V
    private V prepare(V value) {
        Objects.requireNonNull(value, "value must not be null");
        if (freezeDocuments && value instanceof Map<?, ?> document) {
            return (V) Documents.freeze((Map<String, ?>) document);
        }
        return value;
    }

    @Override
    public String toString() {
        return "DocumentStore[" + name + (closed ? ", closed]" : ", documents=" + table.documentCount() + "]");
    }

    /**
     * Builds a {@link DocumentStore}.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private String name = "docstore";
        private Clock clock = Clock.systemUTC();
        private Duration maxSnapshotAge = DEFAULT_MAX_SNAPSHOT_AGE;
        private boolean freezeDocuments = true;
        private boolean timestamps = true;

        private Builder() {
        }

        /**
         * Whether {@code Map} values are frozen as documents on write (the default). A layer that decides itself what
         * to freeze or copy (the JCache provider does) turns this off and gets every value stored as given.
         */
        public Builder<K, V> freezeDocuments(boolean freeze) {
            this.freezeDocuments = freeze;
            return this;
        }

        /**
         * Whether entries keep their created and updated times (the default). A store without them reads no clock on
         * a write and keeps 16 bytes less per version; its entries' {@code createdMillis()} and
         * {@code updatedMillis()} read 0. The JCache layer, which keeps expiry times of its own, turns them off.
         */
        public Builder<K, V> timestamps(boolean keep) {
            this.timestamps = keep;
            return this;
        }

        /** A name for error messages and monitoring. */
        public Builder<K, V> name(String name) {
            this.name = Objects.requireNonNull(name, "name must not be null");
            return this;
        }

        /** The clock for created/updated times and snapshot ages; inject a fake one in tests. */
        public Builder<K, V> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * How long a snapshot may stay open before the store closes it and lets go of the versions it holds: the bound
         * on what a forgotten snapshot can pin. Must be positive.
         */
        public Builder<K, V> maxSnapshotAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge must not be null");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("maximum snapshot age must be positive, was " + maxAge);
            }
            this.maxSnapshotAge = maxAge;
            return this;
        }

        public DocumentStore<K, V> build() {
            return new DocumentStore<>(name, clock, timestamps, maxSnapshotAge, 0, freezeDocuments);
        }
    }
}
