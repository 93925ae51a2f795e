package dev.docstore.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of every single-key operation of {@link DocumentStore}, version numbers included, checked on recorded
 * histories rather than by Lincheck.
 *
 * <p>Version numbers come from a store-wide sequence, and readers may stamp a pending version for its writer, using up
 * a number: the numbers of a concurrent run differ from those of any sequential run, so no fixed sequential
 * specification can predict them. The model here therefore does not predict versions, it checks them: a write must
 * return a version above every version the key had before it in the linearization, every read must return exactly the
 * current entry (value, version, created and updated times), and a version-checked write must succeed exactly when the
 * expected version is the current one, fail with {@link DocumentNotFoundException} exactly when the key is absent and
 * otherwise fail with a {@link VersionConflictException} that carries the current version.
 *
 * <p>Each of {@value #ROUNDS} rounds runs two or three threads doing {@value #OPS_PER_THREAD} random operations each
 * on {@value #KEYS} keys of a fresh store, which spin until all have arrived so that they really start together. Each
 * call is recorded with its arguments, its outcome and the {@link System#nanoTime} before the call and after it
 * returned. Linearizability is local, so each key's sub-history is checked alone, by a
 * Wing &amp; Gong search with Lowe's memoisation: depth first over the calls that no pending call precedes in real
 * time, remembering every (set of linearized calls, model state) already explored.
 *
 * <p>Randomness is seeded ({@code -Ddocstore.linearizability.seed=...} to change it); the seed fixes what each thread
 * does, not how the threads interleave. A failure prints the seed, the round and the offending sub-history.
 */
class VersionedHistoryLinearizabilityTest {
    /** Most rounds run two threads, one batch in four three (on two cores a third thread runs only by preempting). */
    private static final int MAX_THREADS = 3;
    private static final int KEYS = 3;
    private static final int OPS_PER_THREAD = 8;
    private static final int ROUNDS = 4_800;
    private static final int ROUNDS_PER_BATCH = 16;
    private static final long SEED = Long.getLong("docstore.linearizability.seed", 0x5EED_D0C5L);

    /** The operations recorded; each is one call of the store (or, for {@code SNAPSHOT_GET}, of a fresh snapshot). */
    enum Op {
        GET, VALUE, CONTAINS_KEY, PUT, PUT_IF_ABSENT, REPLACE, REPLACE_VERSION, REMOVE, REMOVE_VERSION, INCREMENT,
        REMOVE_IF_ODD, SNAPSHOT_GET
    }

    /** An entry as a caller saw it. */
    record Seen(int key, int value, long version, long created, long updated) {
        static Seen of(Entry<Integer, Integer> entry) {
            return entry == null ? null : new Seen(entry.key(), entry.value(), entry.version(),
                    entry.createdMillis(), entry.updatedMillis());
        }

        @Override
        public String toString() {
            return "[value " + value + ", version " + version + ", created " + created + ", updated " + updated + "]";
        }
    }

    /** How a version-checked call failed. */
    enum Failure { NOT_FOUND, CONFLICT }

    /**
     * What one call returned. Which fields mean something depends on the operation: {@code entry} for calls returning
     * an entry (and the current entry of a {@link WriteResult}), {@code previous} and {@code applied} for a
     * {@link WriteResult}, {@code value} for {@code value()}, {@code flag} for {@code containsKey()}, {@code failure}
     * with the versions the {@link VersionConflictException} carried for failed version-checked calls, and
     * {@code unexpected} for any other exception.
     */
    record Outcome(Seen entry, Seen previous, boolean applied, Integer value, boolean flag, Failure failure,
                   long conflictExpected, long conflictCurrent, Throwable unexpected) {
        static Outcome entry(Seen entry) {
            return new Outcome(entry, null, false, null, false, null, 0, 0, null);
        }

        static Outcome write(boolean applied, Seen previous, Seen current) {
            return new Outcome(current, previous, applied, null, false, null, 0, 0, null);
        }

        static Outcome write(WriteResult<Integer, Integer> result) {
            return write(result.applied(), Seen.of(result.previous()), Seen.of(result.current()));
        }

        static Outcome value(Integer value) {
            return new Outcome(null, null, false, value, false, null, 0, 0, null);
        }

        static Outcome flag(boolean flag) {
            return new Outcome(null, null, false, null, flag, null, 0, 0, null);
        }

        static Outcome notFound() {
            return new Outcome(null, null, false, null, false, Failure.NOT_FOUND, 0, 0, null);
        }

        static Outcome conflict(long expected, long current) {
            return new Outcome(null, null, false, null, false, Failure.CONFLICT, expected, current, null);
        }

        static Outcome unexpected(Throwable thrown) {
            return new Outcome(null, null, false, null, false, null, 0, 0, thrown);
        }

        /** The newest version this outcome shows, or 0. */
        long newestVersion() {
            long newest = failure == Failure.CONFLICT ? conflictCurrent : 0;
            if (entry != null) {
                newest = Math.max(newest, entry.version());
            }
            if (previous != null) {
                newest = Math.max(newest, previous.version());
            }
            return newest;
        }

        String describe(Op op) {
            if (unexpected != null) {
                return "threw " + unexpected;
            }
            if (failure == Failure.NOT_FOUND) {
                return "threw DocumentNotFoundException";
            }
            if (failure == Failure.CONFLICT) {
                return "threw VersionConflictException(expected " + conflictExpected + ", current " + conflictCurrent
                        + ")";
            }
            return switch (op) {
                case VALUE -> String.valueOf(value);
                case CONTAINS_KEY -> String.valueOf(flag);
                case PUT_IF_ABSENT, REPLACE, INCREMENT, REMOVE_IF_ODD ->
                        "applied=" + applied + " previous=" + previous + " current=" + entry;
                default -> String.valueOf(entry);
            };
        }
    }

    /** One recorded call: who made it, on which key, with which arguments, what came back, and when. */
    record Call(int thread, int key, Op op, int argument, long expectedVersion, Outcome outcome, long invoked,
                long returned) {
        String describe(long origin) {
            String arguments = switch (op) {
                case PUT, PUT_IF_ABSENT, REPLACE -> key + ", " + argument;
                case REPLACE_VERSION -> key + ", expected version " + expectedVersion + ", " + argument;
                case REMOVE_VERSION -> key + ", expected version " + expectedVersion;
                case INCREMENT -> key + ", insert " + argument + " or add 1";
                default -> String.valueOf(key);
            };
            return String.format("T%d [%9.3f us .. %9.3f us] %s(%s) -> %s", thread, (invoked - origin) / 1e3,
                    (returned - origin) / 1e3, op.name().toLowerCase(), arguments, outcome.describe(op));
        }
    }

    /** The sequential model of one key; {@code version} stays after a removal as the floor for the next write. */
    record State(boolean present, int value, long version, long created, long updated) {
        static final State ABSENT = new State(false, 0, 0, 0, 0);

        static State of(Seen seen) {
            return new State(true, seen.value(), seen.version(), seen.created(), seen.updated());
        }

        Seen entry(int key) {
            return present ? new Seen(key, value, version, created, updated) : null;
        }

        State removed() {
            return new State(false, 0, version, 0, 0);
        }
    }

    /** The outcome of checking one key's history. */
    record Verdict(boolean linearizable, List<Call> longestLinearization) {
    }

    /**
     * Checks one key's history against the model: a Wing &amp; Gong search with Lowe's memoisation.
     */
    static final class KeyHistoryChecker {
        private final int key;
        private final Call[] calls;
        private final long all;
        private final Set<Node> explored = new HashSet<>();
        private final int[] order;
        private int[] longest = new int[0];

        private record Node(long linearized, State state) {
        }

        private KeyHistoryChecker(int key, List<Call> history) {
            if (history.size() > 63) {
                throw new IllegalArgumentException("at most 63 calls per key, was " + history.size());
            }
            this.key = key;
            this.calls = history.toArray(new Call[0]);
            this.all = (1L << calls.length) - 1;
            this.order = new int[calls.length];
        }

        static Verdict check(int key, List<Call> history) {
            KeyHistoryChecker checker = new KeyHistoryChecker(key, history);
            boolean linearizable = checker.search(0L, State.ABSENT, 0);
            List<Call> longest = new ArrayList<>();
            for (int index : checker.longest) {
                longest.add(checker.calls[index]);
            }
            return new Verdict(linearizable, longest);
        }

        private boolean search(long linearized, State state, int depth) {
            if (depth > longest.length) {
                longest = Arrays.copyOf(order, depth);
            }
            if (linearized == all) {
                return true;
            }
            if (!explored.add(new Node(linearized, state))) {
                return false;
            }
            long earliestReturn = Long.MAX_VALUE;
            for (int i = 0; i < calls.length; i++) {
                if ((linearized & (1L << i)) == 0) {
                    earliestReturn = Math.min(earliestReturn, calls[i].returned());
                }
            }
            for (int i = 0; i < calls.length; i++) {
                // a call can go next only if no pending call returned before it was invoked
                if ((linearized & (1L << i)) != 0 || calls[i].invoked() > earliestReturn) {
                    continue;
                }
                State next = step(key, state, calls[i]);
                if (next != null) {
                    order[depth] = i;
                    if (search(linearized | (1L << i), next, depth + 1)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** The state after {@code call} applied to {@code state}, or {@code null} when its outcome cannot happen there. */
    static State step(int key, State state, Call call) {
        Outcome out = call.outcome();
        if (out.unexpected() != null) {
            return null;
        }
        boolean versionChecked = call.op() == Op.REPLACE_VERSION || call.op() == Op.REMOVE_VERSION;
        if (out.failure() != null && !versionChecked) {
            return null;
        }
        Seen current = state.entry(key);
        int argument = call.argument();
        switch (call.op()) {
            case GET, SNAPSHOT_GET:
                return Objects.equals(out.entry(), current) ? state : null;
            case VALUE:
                return Objects.equals(out.value(), state.present() ? state.value() : null) ? state : null;
            case CONTAINS_KEY:
                return out.flag() == state.present() ? state : null;
            case PUT:
                return written(key, state, out.entry(), argument);
            case PUT_IF_ABSENT:
                if (state.present()) {
                    return !out.applied() && Objects.equals(out.previous(), current)
                            && Objects.equals(out.entry(), current) ? state : null;
                }
                return out.applied() && out.previous() == null ? written(key, state, out.entry(), argument) : null;
            case REPLACE:
                if (!state.present()) {
                    return !out.applied() && out.previous() == null && out.entry() == null ? state : null;
                }
                return out.applied() && Objects.equals(out.previous(), current)
                        ? written(key, state, out.entry(), argument) : null;
            case REPLACE_VERSION:
                return versionChecked(state, call) ? written(key, state, out.entry(), argument) : failed(state, call);
            case REMOVE:
                if (!state.present()) {
                    return out.entry() == null ? state : null;
                }
                return Objects.equals(out.entry(), current) ? state.removed() : null;
            case REMOVE_VERSION:
                if (versionChecked(state, call)) {
                    return out.failure() == null && Objects.equals(out.entry(), current) ? state.removed() : null;
                }
                return failed(state, call);
            case INCREMENT:
                return out.applied() && Objects.equals(out.previous(), current)
                        ? written(key, state, out.entry(), state.present() ? state.value() + 1 : argument) : null;
            case REMOVE_IF_ODD:
                if (state.present() && state.value() % 2 != 0) {
                    return out.applied() && Objects.equals(out.previous(), current) && out.entry() == null
                            ? state.removed() : null;
                }
                return !out.applied() && Objects.equals(out.previous(), current)
                        && Objects.equals(out.entry(), current) ? state : null;
            default:
                throw new AssertionError("no model for " + call.op());
        }
    }

    /** Whether a version-checked call must succeed in {@code state}. */
    private static boolean versionChecked(State state, Call call) {
        return state.present() && state.version() == call.expectedVersion();
    }

    /** The state after a version-checked call that must fail in {@code state}, or null when it did not fail so. */
    private static State failed(State state, Call call) {
        Outcome out = call.outcome();
        if (!state.present()) {
            return out.failure() == Failure.NOT_FOUND ? state : null;
        }
        return out.failure() == Failure.CONFLICT && out.conflictExpected() == call.expectedVersion()
                && out.conflictCurrent() == state.version() ? state : null;
    }

    /** The state after a successful write of {@code value} that returned {@code written}, or null if it cannot be. */
    private static State written(int key, State state, Seen written, int value) {
        if (written == null || written.key() != key || written.value() != value || written.version() <= state.version()) {
            return null;
        }
        boolean createdKept = state.present() ? written.created() == state.created()
                : written.created() == written.updated();
        return createdKept ? State.of(written) : null;
    }

    // ------------------------------------------------------------------------------------------------ running rounds

    /** A clock that moves on by a millisecond at every reading, so that created and updated times tell writes apart. */
    private static final class TickingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        @Override
        public long millis() {
            return millis.incrementAndGet();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock has one zone");
        }
    }

    private ExecutorService pool;

    @BeforeEach
    void startThreads() {
        pool = Executors.newFixedThreadPool(MAX_THREADS);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("worker threads stopped").isTrue();
    }

    @Test
    void everySingleKeyOperationIsLinearizableVersionsIncluded() throws Exception {
        Statistics statistics = runRounds(EnumSet.complementOf(EnumSet.of(Op.SNAPSHOT_GET)));

        assertThat(statistics.calls).isEqualTo(statistics.expectedCalls);
        assertThat(statistics.overlapping).as("calls that overlapped another thread's call on the same key")
                .isPositive();
        assertThat(statistics.seen).as("outcomes seen: " + statistics.seen).contains(
                "REPLACE_VERSION:ok", "REPLACE_VERSION:CONFLICT", "REPLACE_VERSION:NOT_FOUND",
                "REMOVE_VERSION:ok", "REMOVE_VERSION:CONFLICT", "REMOVE_VERSION:NOT_FOUND");
    }

    @Test
    void snapshotReadsAreLinearizableWithSingleKeyOperations() throws Exception {
        Statistics statistics = runRounds(EnumSet.of(Op.SNAPSHOT_GET, Op.GET, Op.CONTAINS_KEY, Op.PUT, Op.REMOVE,
                Op.REPLACE_VERSION, Op.REMOVE_VERSION, Op.INCREMENT, Op.REMOVE_IF_ODD));

        assertThat(statistics.calls).isEqualTo(statistics.expectedCalls);
        assertThat(statistics.overlapping).as("calls that overlapped another thread's call on the same key")
                .isPositive();
    }

    /** Counts of what the rounds did, to show that the check was not vacuous. */
    private static final class Statistics {
        long calls;
        long expectedCalls;
        long overlapping;
        int largestKeyHistory;
        final Set<String> seen = new HashSet<>();
    }

    private Statistics runRounds(Set<Op> operations) throws Exception {
        Op[] ops = operations.toArray(new Op[0]);
        Statistics statistics = new Statistics();
        long started = System.nanoTime();
        for (int batch = 0; batch < ROUNDS / ROUNDS_PER_BATCH; batch++) {
            int threads = batch % 4 == 3 ? 3 : 2;
            int firstRound = batch * ROUNDS_PER_BATCH;
            List<List<Call>> histories = runBatch(ops, firstRound, threads);
            for (int i = 0; i < histories.size(); i++) {
                checkRound(firstRound + i, histories.get(i), statistics);
            }
            statistics.expectedCalls += (long) ROUNDS_PER_BATCH * threads * OPS_PER_THREAD;
        }
        System.out.printf("linearizability: %d rounds, %d calls, %d overlapping another thread's call on the same key,"
                        + " largest key history %d, %d ms (seed %d)%n", ROUNDS, statistics.calls,
                statistics.overlapping, statistics.largestKeyHistory, (System.nanoTime() - started) / 1_000_000, SEED);
        return statistics;
    }

    private static void checkRound(int round, List<Call> history, Statistics statistics) {
        for (int key = 0; key < KEYS; key++) {
            List<Call> keyHistory = new ArrayList<>();
            for (Call call : history) {
                if (call.key() == key) {
                    keyHistory.add(call);
                }
            }
            keyHistory.sort(Comparator.comparingLong(Call::invoked));
            check(key, keyHistory, round);
            statistics.largestKeyHistory = Math.max(statistics.largestKeyHistory, keyHistory.size());
            statistics.overlapping += countOverlapping(keyHistory);
        }
        statistics.calls += history.size();
        for (Call call : history) {
            Outcome out = call.outcome();
            statistics.seen.add(call.op() + ":" + (out.failure() == null ? "ok" : out.failure().name()));
        }
    }

    private static void check(int key, List<Call> keyHistory, int round) {
        long roundSeed = SEED + round;
        for (Call call : keyHistory) {
            if (call.outcome().unexpected() != null) {
                fail("unexpected exception in round " + round + " (seed " + SEED + ", round seed " + roundSeed + "): "
                        + call.describe(keyHistory.get(0).invoked()), call.outcome().unexpected());
            }
        }
        Verdict verdict = KeyHistoryChecker.check(key, keyHistory);
        if (!verdict.linearizable()) {
            fail("history of key %d in round %d is not linearizable (seed %d, round seed %d)%n%s", key, round, SEED,
                    roundSeed, describe(keyHistory, verdict));
        }
    }

    static String describe(List<Call> keyHistory, Verdict verdict) {
        long origin = keyHistory.stream().mapToLong(Call::invoked).min().orElse(0);
        StringBuilder text = new StringBuilder("history, by invocation time:\n");
        for (Call call : keyHistory) {
            text.append("  ").append(call.describe(origin)).append('\n');
        }
        text.append("longest linearizable prefix found (no call fits after it):\n");
        for (Call call : verdict.longestLinearization()) {
            text.append("  ").append(call.describe(origin)).append('\n');
        }
        return text.toString();
    }

    private static long countOverlapping(List<Call> keyHistory) {
        long overlapping = 0;
        for (Call call : keyHistory) {
            for (Call other : keyHistory) {
                if (other.thread() != call.thread() && other.invoked() < call.returned()
                        && call.invoked() < other.returned()) {
                    overlapping++;
                    break;
                }
            }
        }
        return overlapping;
    }

    /**
     * Runs {@value #ROUNDS_PER_BATCH} rounds, each on a fresh store, and returns every call of every thread of each.
     * The threads meet at a barrier once per batch; before each round they meet again spinning, so that they start it
     * together. Waking threads takes far longer than a round, so a batch pays for that once.
     */
    private List<List<Call>> runBatch(Op[] ops, int firstRound, int threads) throws Exception {
        List<DocumentStore<Integer, Integer>> stores = new ArrayList<>();
        List<AtomicInteger> arrivals = new ArrayList<>();
        for (int i = 0; i < ROUNDS_PER_BATCH; i++) {
            stores.add(DocumentStore.<Integer, Integer>builder().clock(new TickingClock()).build());
            arrivals.add(new AtomicInteger());
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Callable<List<List<Call>>>> workers = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            int threadId = thread;
            workers.add(() -> {
                start.await(60, TimeUnit.SECONDS);
                List<List<Call>> rounds = new ArrayList<>();
                for (int i = 0; i < ROUNDS_PER_BATCH; i++) {
                    meet(arrivals.get(i), threads);
                    SplittableRandom random = new SplittableRandom((SEED + firstRound + i) * 31 + threadId);
                    rounds.add(runThread(stores.get(i), threadId, ops, random));
                }
                return rounds;
            });
        }
        List<List<Call>> histories = new ArrayList<>();
        for (int i = 0; i < ROUNDS_PER_BATCH; i++) {
            histories.add(new ArrayList<>());
        }
        for (Future<List<List<Call>>> future : pool.invokeAll(workers, 20, TimeUnit.SECONDS)) {
            List<List<Call>> rounds = future.get();
            for (int i = 0; i < ROUNDS_PER_BATCH; i++) {
                histories.get(i).addAll(rounds.get(i));
            }
        }
        stores.forEach(DocumentStore::close);
        return histories;
    }

    /** Spins until {@code threads} threads have arrived; yields when one is late, as it is when cores are short. */
    private static void meet(AtomicInteger arrived, int threads) {
        arrived.incrementAndGet();
        for (long spins = 0; arrived.get() < threads; spins++) {
            if (spins < 10_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private static List<Call> runThread(DocumentStore<Integer, Integer> store, int thread, Op[] ops,
                                        SplittableRandom random) {
        long[] lastSeenVersion = new long[KEYS];
        List<Call> calls = new ArrayList<>(OPS_PER_THREAD);
        for (int i = 0; i < OPS_PER_THREAD; i++) {
            int key = random.nextInt(KEYS);
            Op op = ops[random.nextInt(ops.length)];
            int argument = 1 + random.nextInt(5);
            long expectedVersion = expectedVersion(lastSeenVersion[key], random);
            for (int spin = random.nextInt(40); spin > 0; spin--) {
                Thread.onSpinWait(); // a little jitter so that the threads meet at different points
            }
            long invoked = System.nanoTime();
            Outcome outcome = call(store, op, key, argument, expectedVersion);
            long returned = System.nanoTime();
            calls.add(new Call(thread, key, op, argument, expectedVersion, outcome, invoked, returned));
            lastSeenVersion[key] = Math.max(lastSeenVersion[key], outcome.newestVersion());
        }
        return calls;
    }

    /** Mostly the last version this thread saw of the key, sometimes a neighbour of it; always positive. */
    private static long expectedVersion(long lastSeen, SplittableRandom random) {
        if (lastSeen == 0) {
            return 1 + random.nextInt(3);
        }
        return random.nextInt(10) < 8 ? lastSeen : Math.max(1, lastSeen + random.nextInt(3) - 1);
    }

    private static Outcome call(DocumentStore<Integer, Integer> store, Op op, int key, int argument,
                                long expectedVersion) {
        try {
            return switch (op) {
                case GET -> Outcome.entry(Seen.of(store.get(key)));
                case VALUE -> Outcome.value(store.value(key));
                case CONTAINS_KEY -> Outcome.flag(store.containsKey(key));
                case PUT -> Outcome.entry(Seen.of(store.put(key, argument)));
                case PUT_IF_ABSENT -> Outcome.write(store.putIfAbsent(key, argument));
                case REPLACE -> Outcome.write(store.replace(key, argument));
                case REPLACE_VERSION -> Outcome.entry(Seen.of(store.replace(key, expectedVersion, argument)));
                case REMOVE -> Outcome.entry(Seen.of(store.remove(key)));
                case REMOVE_VERSION -> Outcome.entry(Seen.of(store.remove(key, expectedVersion)));
                case INCREMENT -> Outcome.write(store.update(key, (k, current) ->
                        Change.put(current == null ? argument : current.value() + 1)));
                case REMOVE_IF_ODD -> Outcome.write(store.update(key, (k, current) ->
                        current != null && current.value() % 2 != 0 ? Change.remove() : Change.keep()));
                case SNAPSHOT_GET -> snapshotGet(store, key);
            };
        } catch (DocumentNotFoundException e) {
            return Outcome.notFound();
        } catch (VersionConflictException e) {
            return Outcome.conflict(e.expectedVersion(), e.currentVersion());
        } catch (RuntimeException e) {
            return Outcome.unexpected(e);
        }
    }

    private static Outcome snapshotGet(DocumentStore<Integer, Integer> store, int key) {
        try (Snapshot<Integer, Integer> snapshot = store.snapshot()) {
            return Outcome.entry(Seen.of(snapshot.get(key)));
        }
    }

    // --------------------------------------------------------------------------------- the checker checks itself

    private static final int K = 0;

    private static Call call(int thread, Op op, int argument, long expectedVersion, Outcome outcome, long invoked,
                             long returned) {
        return new Call(thread, K, op, argument, expectedVersion, outcome, invoked, returned);
    }

    private static Seen entry(int value, long version, long created, long updated) {
        return new Seen(K, value, version, created, updated);
    }

    private static boolean linearizable(Call... calls) {
        return KeyHistoryChecker.check(K, List.of(calls)).linearizable();
    }

    @Test
    void checkerRejectsAReadOfAValueWrittenOnlyAfterTheReadReturned() {
        Seen written = entry(7, 1, 100, 100);
        List<Call> history = List.of(
                call(1, Op.GET, 0, 0, Outcome.entry(written), 0, 10_000),
                call(2, Op.PUT, 7, 0, Outcome.entry(written), 20_000, 30_000));

        Verdict verdict = KeyHistoryChecker.check(K, history);

        assertThat(verdict.linearizable()).isFalse();
        assertThat(describe(history, verdict)).contains(
                "T1 [    0.000 us ..    10.000 us] get(0) -> [value 7, version 1, created 100, updated 100]",
                "T2 [   20.000 us ..    30.000 us] put(0, 7) -> [value 7, version 1, created 100, updated 100]");
    }

    @Test
    void checkerAcceptsAReadOverlappingTheWriteItSees() {
        Seen written = entry(7, 1, 100, 100);

        assertThat(linearizable(
                call(1, Op.GET, 0, 0, Outcome.entry(written), 0, 25),
                call(2, Op.PUT, 7, 0, Outcome.entry(written), 20, 30))).isTrue();
        assertThat(linearizable(
                call(1, Op.GET, 0, 0, Outcome.entry(null), 0, 25),
                call(2, Op.PUT, 7, 0, Outcome.entry(written), 20, 30))).isTrue();
    }

    @Test
    void checkerRejectsAStaleReadAfterANewerWriteReturned() {
        Seen first = entry(1, 1, 100, 100);
        Seen second = entry(2, 2, 100, 101);

        assertThat(linearizable(
                call(1, Op.PUT, 1, 0, Outcome.entry(first), 0, 10),
                call(1, Op.PUT, 2, 0, Outcome.entry(second), 20, 30),
                call(2, Op.GET, 0, 0, Outcome.entry(first), 40, 50))).isFalse();
        assertThat(linearizable(
                call(1, Op.PUT, 1, 0, Outcome.entry(first), 0, 10),
                call(1, Op.PUT, 2, 0, Outcome.entry(second), 20, 30),
                call(2, Op.GET, 0, 0, Outcome.entry(first), 5, 50))).isTrue();
    }

    @Test
    void checkerRejectsVersionsThatDoNotIncrease() {
        assertThat(linearizable(
                call(1, Op.PUT, 1, 0, Outcome.entry(entry(1, 5, 100, 100)), 0, 10),
                call(2, Op.PUT, 2, 0, Outcome.entry(entry(2, 3, 100, 101)), 20, 30))).isFalse();
        assertThat(linearizable(
                call(1, Op.PUT, 1, 0, Outcome.entry(entry(1, 5, 100, 100)), 0, 10),
                call(2, Op.REMOVE, 0, 0, Outcome.entry(entry(1, 5, 100, 100)), 20, 30),
                call(2, Op.PUT, 2, 0, Outcome.entry(entry(2, 5, 102, 102)), 40, 50))).isFalse();
        assertThat(linearizable(
                call(1, Op.PUT, 1, 0, Outcome.entry(entry(1, 5, 100, 100)), 0, 10),
                call(2, Op.PUT, 2, 0, Outcome.entry(entry(2, 9, 100, 101)), 20, 30))).isTrue();
    }

    @Test
    void checkerChecksVersionCheckedWrites() {
        Seen first = entry(1, 1, 100, 100);
        Call put = call(1, Op.PUT, 1, 0, Outcome.entry(first), 0, 10);

        assertThat(linearizable(put,
                call(2, Op.REPLACE_VERSION, 2, 1, Outcome.entry(entry(2, 2, 100, 101)), 20, 30))).isTrue();
        assertThat(linearizable(put, call(2, Op.REPLACE_VERSION, 2, 4, Outcome.conflict(4, 1), 20, 30))).isTrue();
        assertThat(linearizable(put, call(2, Op.REPLACE_VERSION, 2, 4, Outcome.conflict(4, 2), 20, 30)))
                .as("a conflict must carry the current version").isFalse();
        assertThat(linearizable(put, call(2, Op.REPLACE_VERSION, 2, 1, Outcome.conflict(1, 1), 20, 30)))
                .as("the expected version is current: no conflict").isFalse();
        assertThat(linearizable(put, call(2, Op.REMOVE_VERSION, 0, 1, Outcome.notFound(), 20, 30)))
                .as("the key is present: not 'not found'").isFalse();
        assertThat(linearizable(call(2, Op.REMOVE_VERSION, 0, 1, Outcome.notFound(), 20, 30))).isTrue();
        assertThat(linearizable(put,
                call(2, Op.REPLACE_VERSION, 2, 1, Outcome.entry(entry(2, 2, 100, 101)), 20, 30),
                call(3, Op.REMOVE_VERSION, 0, 1, Outcome.entry(first), 25, 35)))
                .as("two writes expecting the same version cannot both succeed").isFalse();
    }

    @Test
    void checkerRejectsASnapshotThatSeesAValueAReadBeforeItFoundRemoved() {
        Seen first = entry(1, 1, 100, 100);

        // the shape of the history Lincheck finds in SnapshotLincheckTest: the remove is still under way
        assertThat(linearizable(
                call(1, Op.PUT, 1, 0, Outcome.entry(first), 0, 10),
                call(1, Op.REMOVE, 0, 0, Outcome.entry(first), 20, 100),
                call(2, Op.GET, 0, 0, Outcome.entry(null), 30, 40),
                call(2, Op.SNAPSHOT_GET, 0, 0, Outcome.entry(first), 50, 60))).isFalse();
        assertThat(linearizable(
                call(1, Op.PUT, 1, 0, Outcome.entry(first), 0, 10),
                call(1, Op.REMOVE, 0, 0, Outcome.entry(first), 20, 100),
                call(2, Op.SNAPSHOT_GET, 0, 0, Outcome.entry(first), 30, 40),
                call(2, Op.GET, 0, 0, Outcome.entry(null), 50, 60))).isTrue();
    }
}
