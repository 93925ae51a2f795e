package dev.docstore.console;

import dev.docstore.console.jmx.JmxTarget;
import dev.docstore.console.jmx.LocalJvms;
import dev.docstore.console.jmx.TargetSession;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The console's state: the JVM it is connected to now (at most one) and the background sampling of that JVM.
 * Connecting replaces the current session and closes the previous one.
 *
 * <p>Thread-safe: the current session is an {@link AtomicReference}; the sampling thread reads it on each tick.
 */
public final class Console implements AutoCloseable {
    private final AtomicReference<TargetSession> current = new AtomicReference<>();
    private final LongSupplier clock;
    private final ScheduledExecutorService sampling;

    /** A console that samples the connected JVM every {@code interval} (history uses {@code clock}). */
    public Console(Duration interval, LongSupplier clock) {
        this.clock = clock;
        this.sampling = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "docstore-console-sampler");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("sample interval must be positive, was " + interval);
        }
        sampling.scheduleAtFixedRate(this::tick, 0, millis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        TargetSession session = current.get();
        if (session != null) {
            try {
                session.tick();
            } catch (RuntimeException e) {
                // a periodic task that throws is never run again: one bad answer must not stop the charts for good;
                // the next tick tries again, and the page reports failures when it asks
            }
        }
    }

    /** The session with the connected JVM, if any. */
    public Optional<TargetSession> session() {
        return Optional.ofNullable(current.get());
    }

    /** Talks to the console's own JVM from now on. */
    public TargetSession useThisJvm(String description) {
        return use(JmxTarget.thisJvm(description));
    }

    /** Connects to a JMX service URL, with credentials when {@code user} is not blank. */
    public TargetSession connect(String serviceUrl, String user, char[] password) {
        return use(JmxTarget.connect(serviceUrl, user, password));
    }

    /** Attaches to a local JVM by process id. */
    public TargetSession attach(long pid) {
        return use(LocalJvms.attach(pid));
    }

    private TargetSession use(JmxTarget target) {
        TargetSession session = new TargetSession(target, clock);
        TargetSession previous = current.getAndSet(session);
        if (previous != null) {
            previous.close();
        }
        sampling.execute(this::tick);
        return session;
    }

    /** Disconnects from the current JVM, if any. */
    public void disconnect() {
        TargetSession previous = current.getAndSet(null);
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public void close() {
        sampling.shutdownNow();
        disconnect();
    }
}
