package dev.docstore.management;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The open transfers of one cache, by id. At most {@value #MAX_OPEN} are open at once: each holds a temporary file as
 * large as the cache's export, so a client that begins transfers and never ends them must not fill the disk. A
 * session left untouched for {@link #IDLE} (its client died, say) is closed when a new one begins, so it does not
 * hold a place for ever, without a thread to watch the clock. {@link #closeAll} ends every session and refuses new
 * ones: the bean calls it when its cache closes or stops being managed.
 *
 * <p>Ids are 128 random bits: a client cannot guess another client's transfer.
 *
 * <p>Thread-safe: the map, the count of sessions being opened and the closed flag are guarded by {@code this}.
 * Opening a session (an export writes the whole cache) and closing one (deleting its file) happen outside the lock,
 * so one slow transfer never holds up another.
 */
final class TransferSessions {
    /** The most transfers one cache has open at once. */
    static final int MAX_OPEN = 4;
    /** How long a transfer may go untouched before a new one may close it. */
    static final Duration IDLE = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session and when it was last used, in the clock's nanoseconds. */
    private static final class Entry {
        final TransferSession session;
        long lastUsed;

        Entry(TransferSession session, long lastUsed) {
            this.session = session;
            this.lastUsed = lastUsed;
        }
    }

    private final LongSupplier nanoClock;
    private final Map<String, Entry> open = new LinkedHashMap<>();
    private int opening;
    private boolean closed;

    /** @param nanoClock the time in nanoseconds ({@code System::nanoTime}; a fake one in tests) */
    TransferSessions(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Opens a session with {@code opener}, which gets the new id, and registers it.
     *
     * @throws IllegalStateException if {@value #MAX_OPEN} are open already, or the cache is closed
     */
    <S extends TransferSession> S open(Function<String, S> opener) {
        String id;
        List<TransferSession> idle;
        synchronized (this) {
            requireOpen();
            idle = removeIdle();
            if (open.size() + opening >= MAX_OPEN) {
                closeAll(idle);
                throw new IllegalStateException(MAX_OPEN + " transfers are open on this cache already: end or abort"
                        + " one first (an unused one is closed after " + IDLE.toMinutes() + " minutes)");
            }
            opening++;
            id = HexFormat.of().formatHex(randomBytes());
        }
        closeAll(idle);
        S session;
        try {
            session = opener.apply(id);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                opening--;
            }
            throw e;
        }
        boolean refused;
        synchronized (this) {
            opening--;
            refused = closed;
            if (!refused) {
                open.put(id, new Entry(session, nanoClock.getAsLong()));
            }
        }
        if (refused) {
            // the cache closed while the session was being opened: closeAll could not see it, so it goes here
            session.close();
            throw closedException();
        }
        return session;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * The open session {@code id} of type {@code kind}, marked as used now.
     *
     * @throws IllegalArgumentException if no such session is open, or it is of the other kind
     */
    synchronized <S extends TransferSession> S get(String id, Class<S> kind, String wanted) {
        requireOpen();
        Entry entry = id == null ? null : open.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no " + wanted + " with id '" + id + "' is open on this cache: it was"
                    + " never begun, or it was ended, aborted, or closed after " + IDLE.toMinutes()
                    + " idle minutes");
        }
        if (!kind.isInstance(entry.session)) {
            throw new IllegalArgumentException("'" + id + "' is an " + entry.session.kind() + ", not an " + wanted);
        }
        entry.lastUsed = nanoClock.getAsLong();
        return kind.cast(entry.session);
    }

    /** As {@link #get}, and removes the session: the caller finishes and closes it. */
    synchronized <S extends TransferSession> S take(String id, Class<S> kind, String wanted) {
        S session = get(id, kind, wanted);
        open.remove(id);
        return session;
    }

    /** Closes and removes session {@code id}, as {@link #get} finds it. */
    void close(String id, Class<? extends TransferSession> kind, String wanted) {
        take(id, kind, wanted).close();
    }

    /** How many sessions are open. */
    synchronized int size() {
        return open.size();
    }

    /** Closes every session and refuses new ones. */
    void closeAll() {
        List<TransferSession> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            open.values().forEach(entry -> all.add(entry.session));
            open.clear();
        }
        closeAll(all);
    }

    private List<TransferSession> removeIdle() {
        long now = nanoClock.getAsLong();
        List<TransferSession> idle = new ArrayList<>();
        open.values().removeIf(entry -> {
            boolean unused = now - entry.lastUsed >= IDLE.toNanos();
            if (unused) {
                idle.add(entry.session);
            }
            return unused;
        });
        return idle;
    }

    private static void closeAll(List<TransferSession> sessions) {
        sessions.forEach(TransferSession::close);
    }

    private void requireOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("the cache is closed, or no longer managed: its transfers were ended");
    }
}
