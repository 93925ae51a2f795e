package dev.docstore.console.demo;

import dev.docstore.jcache.DocumentCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;

/**
 * A paced mix of traffic, so the console's charts move. On the orders: about 64% gets (one in ten of a key that does
 * not exist, so misses show), 10% status updates, 3% new orders, 2% removals and 3% index queries (a city lookup or
 * an amount range). On the customers, 18% look-ups of any customer, cache-aside: a miss (the bounded cache has evicted
 * the customer) reloads it from {@link DemoData} and puts it back, which evicts another, so evictions never stop. Each thread runs its share of the rate in batches and parks between them,
 * so the demo stays light on a laptop.
 *
 * <p>Thread-safe: each worker has its own {@link DemoData}; the counters are {@link LongAdder}s; {@link #close()}
 * stops and joins the workers.
 */
final class DemoWorkload implements AutoCloseable {
    private static final int BATCH = 20;

    private final List<Thread> workers = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder operations = new LongAdder();
    private final LongAdder refused = new LongAdder();

    private DemoWorkload() {
    }

    static DemoWorkload start(Cache<String, Map<String, Object>> orders, Cache<String, Map<String, Object>> customers,
            int orderCount, int customerCount, int operationsPerSecond, int threads, long seed) {
        DemoWorkload workload = new DemoWorkload();
        if (operationsPerSecond <= 0 || threads <= 0) {
            return workload;
        }
        @SuppressWarnings("unchecked") // the orders cache holds documents
        DocumentCache<String, Map<String, Object>> documents = orders.unwrap(DocumentCache.class);
        long batchNanos = TimeUnit.SECONDS.toNanos(1) * BATCH * threads / operationsPerSecond;
        for (int t = 0; t < threads; t++) {
            DemoData data = new DemoData(seed + t, customerCount);
            int firstNewOrder = orderCount + t * 1_000_000;
            Thread worker = new Thread(() -> workload.run(orders, documents, customers, orderCount, customerCount,
                    firstNewOrder, data, batchNanos), "docstore-demo-workload-" + t);
            worker.setDaemon(true);
            workload.workers.add(worker);
            worker.start();
        }
        return workload;
    }

    private void run(Cache<String, Map<String, Object>> orders, DocumentCache<String, Map<String, Object>> documents,
            Cache<String, Map<String, Object>> customers, int orderCount, int customerCount, int firstNewOrder,
            DemoData data, long batchNanos) {
        int nextNewOrder = firstNewOrder;
        long deadline = System.nanoTime();
        while (running.get()) {
            for (int i = 0; i < BATCH && running.get(); i++) {
                int dice = data.nextInt(100);
                try {
                    if (dice < 18) {
                        lookUpCustomer(customers, data.nextInt(customerCount), data);
                    } else if (dice < 82) {
                        boolean miss = data.nextInt(10) == 0;
                        orders.get(DemoData.orderKey(miss ? orderCount + 5_000_000 + data.nextInt(1_000)
                                : data.nextInt(orderCount)));
                    } else if (dice < 92) {
                        String key = DemoData.orderKey(data.nextInt(orderCount));
                        Map<String, Object> order = orders.get(key);
                        if (order != null) {
                            Map<String, Object> changed = new LinkedHashMap<>(order);
                            changed.put("status", data.status());
                            orders.replace(key, order, changed);
                        }
                    } else if (dice < 95) {
                        orders.put(DemoData.orderKey(nextNewOrder), data.order(nextNewOrder));
                        nextNewOrder++;
                    } else if (dice < 97) {
                        orders.remove(DemoData.orderKey(data.nextInt(orderCount)));
                    } else if (data.nextInt(2) == 0) {
                        documents.lookup("byCity", data.city(false));
                    } else {
                        double from = data.nextDouble() * 4_900;
                        documents.range("byAmount", from, from + 5);
                    }
                    operations.increment();
                } catch (RuntimeException e) {
                    // refusals the console can cause on purpose: a dropped index, a unique index that rejects
                    // duplicates; after close, the closed cache
                    refused.increment();
                }
            }
            deadline += batchNanos;
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                deadline = System.nanoTime();
            }
        }
    }

    /**
     * Reads a customer as an application in front of a database would: on a miss, the customer is loaded (generated)
     * and put, which takes the bounded cache over its bound and evicts another.
     */
    private static void lookUpCustomer(Cache<String, Map<String, Object>> customers, int i, DemoData data) {
        String key = DemoData.customerKey(i);
        Map<String, Object> customer = customers.get(key);
        if (customer == null) {
            customers.put(key, data.customer(i));
        }
    }

    long operations() {
        return operations.sum();
    }

    long refused() {
        return refused.sum();
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
