package dev.docstore.console.jmx;

import java.util.function.LongSupplier;

/**
 * Everything the console keeps about the JVM it is connected to: the target, a browser over it, its statistics
 * history, its notification feed and the client of its caches' transfers. {@link #tick()} samples and follows new caches; a failure there marks the
 * target lost (see {@link JmxTarget#lostBecause()}) and is otherwise swallowed, so the console keeps running.
 *
 * <p>Thread-safe, as its parts are.
 */
public final class TargetSession implements AutoCloseable {
    /** Samples kept per cache: 10 minutes at one per second. */
    public static final int HISTORY = 600;
    private static final int NOTIFICATIONS = 500;

    private final JmxTarget target;
    private final CacheBrowser browser;
    private final StatisticsSampler sampler;
    private final NotificationFeed feed;
    private final TransferClient transfers;

    public TargetSession(JmxTarget target, LongSupplier clock) {
        this.target = target;
        this.browser = new CacheBrowser(target);
        this.sampler = new StatisticsSampler(browser, clock, HISTORY);
        this.feed = new NotificationFeed(target, NOTIFICATIONS);
        this.transfers = new TransferClient(target);
    }

    public JmxTarget target() {
        return target;
    }

    public CacheBrowser browser() {
        return browser;
    }

    public StatisticsSampler sampler() {
        return sampler;
    }

    public NotificationFeed feed() {
        return feed;
    }

    /** Export and import of the target's caches, in chunks. */
    public TransferClient transfers() {
        return transfers;
    }

    /** One round of background work: follow new caches' notifications, then sample statistics. */
    public void tick() {
        if (target.lostBecause() != null) {
            return;
        }
        try {
            feed.subscribe();
        } catch (TargetUnavailableException | OperationFailedException e) {
            // the target records a lost connection itself; a refused subscription is retried on the next tick, and
            // must not keep the statistics from being sampled
        }
        if (target.lostBecause() != null) {
            return;
        }
        try {
            sampler.sample();
        } catch (TargetUnavailableException | OperationFailedException e) {
            // as above: a refused read is retried on the next tick
        }
    }

    @Override
    public void close() {
        // the feed's listeners are removed through the target, so before it closes
        feed.close();
        target.close();
    }
}
