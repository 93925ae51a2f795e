package dev.docstore.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Concurrency runs bounded by operation counts: readers each do a fixed number of checks, background threads (writers)
 * run until every reader is done. The first failure stops the run and is rethrown by {@link Run#finish()}.
 *
 * <p>{@link #scale()} multiplies the operation counts: the system property {@code docstore.soak.scale} (default 1)
 * turns a test that runs seconds in the build into a soak of minutes, with the same code.
 */
public final class Soak {
    private Soak() {
    }

    /** The factor by which soak-capable tests multiply their operation counts. */
    public static long scale() {
        long scale = Long.getLong("docstore.soak.scale", 1);
        if (scale < 1) {
            throw new IllegalArgumentException("docstore.soak.scale must be at least 1, was " + scale);
        }
        return scale;
    }

    /** One run: threads started at once, a shared failure, and the readers' completion. */
    public static final class Run {
        private final List<Thread> threads = new ArrayList<>();
        private final CountDownLatch start = new CountDownLatch(1);
        private final AtomicInteger readersLeft = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        /** A thread that runs until it returns; it should loop while {@link #readersDone()} is false. */
        public void thread(String name, Runnable body) {
            add(name, body, false);
        }

        /** A thread with a fixed amount of work; the run is over when every reader has returned. */
        public void reader(String name, Runnable body) {
            readersLeft.incrementAndGet();
            add(name, body, true);
        }

        /** Whether every reader has finished, or the run failed: background threads return when this is true. */
        public boolean readersDone() {
            return readersLeft.get() == 0 || stop.get();
        }

        /** Whether another thread failed: readers may check it to end early. */
        public boolean failed() {
            return stop.get();
        }

        private void add(String name, Runnable body, boolean reader) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    body.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    stop.set(true);
                } finally {
                    if (reader) {
                        readersLeft.decrementAndGet();
                    }
                }
            }, name);
            thread.setDaemon(true);
            threads.add(thread);
        }

        /** Starts every thread at once, waits for all, and rethrows the first failure. */
        public void finish() throws Exception {
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(60));
                if (thread.isAlive()) {
                    stop.set(true);
                    throw new AssertionError(thread.getName() + " did not finish");
                }
            }
            Throwable first = failure.get();
            if (first instanceof Error error) {
                throw error;
            }
            if (first instanceof Exception exception) {
                throw exception;
            }
        }
    }
}
