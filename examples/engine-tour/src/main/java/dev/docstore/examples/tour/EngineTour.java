package dev.docstore.examples.tour;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import dev.docstore.engine.VersionConflictException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts a few orders, reads one back, updates it with a version check (and shows a stale writer being refused),
 * then streams a snapshot taken before a later write and prints what each step did.
 */
public final class EngineTour {
    /** What the tour observed, so a test can check it without parsing the printed text. */
    public record Outcome(int inserted, long staleVersion, long currentVersion, boolean staleWriteRefused,
                          long snapshotCount, long liveCount, String snapshotStatus, String liveStatus) {
    }

    private EngineTour() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    public static Outcome run(PrintStream out) {
        try (DocumentStore<String, Map<String, Object>> orders =
                     DocumentStore.<String, Map<String, Object>>builder().name("orders").build()) {
            List<Map<String, Object>> sample = List.of(
                    Map.of("customer", "ada", "city", "Lisbon", "status", "new", "amount", 120),
                    Map.of("customer", "alan", "city", "Porto", "status", "new", "amount", 75),
                    Map.of("customer", "grace", "city", "Lisbon", "status", "paid", "amount", 310,
                            "address", Map.of("street", "Rua Augusta", "zip", "1100-053")));
            for (int i = 0; i < sample.size(); i++) {
                Entry<String, Map<String, Object>> written = orders.put("order-" + (i + 1), sample.get(i));
                out.printf("put    %s -> version %d%n", written.key(), written.version());
            }

            Entry<String, Map<String, Object>> read = orders.get("order-1");
            out.printf("get    %s (version %d): %s%n", read.key(), read.version(), read.value());

            Map<String, Object> paid = new HashMap<>(read.value());
            paid.put("status", "paid");
            Entry<String, Map<String, Object>> updated = orders.replace("order-1", read.version(), paid);
            out.printf("update %s with version check %d -> version %d%n", updated.key(), read.version(),
                    updated.version());

            boolean refused = false;
            long current = updated.version();
            try {
                orders.replace("order-1", read.version(), Map.of("status", "cancelled"));
            } catch (VersionConflictException conflict) {
                refused = true;
                current = conflict.currentVersion();
                out.printf("stale  update with version %d refused: %s%n", read.version(), conflict.getMessage());
            }

            try (Snapshot<String, Map<String, Object>> snapshot = orders.snapshot()) {
                orders.put("order-4", Map.of("customer", "linus", "city", "Helsinki", "status", "new", "amount", 42));
                orders.remove("order-2");
                out.printf("snapshot at version %d, taken before order-4 was added and order-2 removed:%n",
                        snapshot.readPoint());
                snapshot.stream().forEach(entry ->
                        out.printf("  %s v%d %s%n", entry.key(), entry.version(), entry.value()));
                String snapshotStatus = (String) snapshot.get("order-1").value().get("status");
                String liveStatus = (String) orders.get("order-1").value().get("status");
                long snapshotCount = snapshot.count();
                out.printf("the snapshot holds %d orders; the store now holds %d%n", snapshotCount, orders.size());
                return new Outcome(sample.size(), read.version(), current, refused, snapshotCount, orders.size(),
                        snapshotStatus, liveStatus);
            }
        }
    }
}
