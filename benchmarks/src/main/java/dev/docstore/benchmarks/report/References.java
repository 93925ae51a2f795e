package dev.docstore.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each benchmark is compared with, always in the same run and class: its ceiling (the "× ceiling" column), and
 * further named comparisons that the performance bar asks for (docstore over Caffeine, 3 indexes over none, docstore
 * over CQEngine or H2, statistics on over off). A reference is a method and parameter values that replace the row's
 * own; the row it names is the one whose other parameters equal the row's.
 */
final class References {
    /** A method of the same class and run, with {@code fixedParams} in place of the row's values. */
    record Reference(String name, String method, Map<String, String> fixedParams) {
        /** Whether {@code candidate} is this reference of {@code row}. */
        boolean names(Row candidate, Row row) {
            if (candidate.run() != row.run() || !candidate.className().equals(row.className())
                    || !candidate.method().equals(method)) {
                return false;
            }
            for (Map.Entry<String, String> param : candidate.params().entrySet()) {
                String wanted = fixedParams.getOrDefault(param.getKey(), row.params().get(param.getKey()));
                if (!param.getValue().equals(wanted)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Method to the method of its ceiling, for classes whose ceiling is another method with the same parameters. */
    private static final Map<String, String> CEILING_METHODS = Map.of(
            "get", "mapGet",
            "put", "mapPut",
            "storeGet", "mapGet",
            "storePut", "mapPut",
            "docstorePut", "handRolledPut",
            "docstoreExport", "jacksonWrite",
            "docstoreImport", "jacksonRead");

    /**
     * ClusterBenchmark: each docstore call to the raw {@code IMap} call it is measured against. The ceiling is the
     * {@code IMap} in Hazelcast's default BINARY format; the OBJECT format (docstore's) is a named comparison.
     */
    private static final Map<String, String> CLUSTER_RAW = Map.of(
            "docstoreGet", "imapGet",
            "docstorePut", "imapSet",
            "docstoreQuery", "imapPredicate");

    private References() {
    }

    /** The ceiling of {@code row}, or {@code null} when it has none; a ceiling's ceiling is itself. */
    static Reference ceilingOf(Row row) {
        switch (row.className()) {
            case "IndexWriteBenchmark":
                return new Reference("ceiling", row.method(), Map.of("indexes", "0"));
            case "StatisticsCostBenchmark":
                return new Reference("ceiling", row.method(), Map.of("statistics", "false"));
            case "IndexQueryBenchmark", "DocumentCacheQueryBenchmark":
                String kind = queryKind(row);
                return kind == null ? null : new Reference("ceiling", "ceiling" + kind, Map.of());
            case "ClusterBenchmark":
                String raw = CLUSTER_RAW.getOrDefault(row.method(), row.method());
                return CLUSTER_RAW.containsValue(raw) ? new Reference("ceiling", raw, Map.of("format", "BINARY"))
                        : null;
            default:
                if (CEILING_METHODS.containsValue(row.method())) {
                    return new Reference("ceiling", row.method(), Map.of());
                }
                String method = CEILING_METHODS.get(row.method());
                return method == null ? null : new Reference("ceiling", method, Map.of());
        }
    }

    /** Whether {@code row} is its own ceiling. */
    static boolean isCeiling(Row row) {
        Reference ceiling = ceilingOf(row);
        return ceiling != null && ceiling.names(row, row);
    }

    /** The named comparisons of {@code row} beyond its ceiling. */
    static List<Reference> comparisonsOf(Row row) {
        List<Reference> references = new ArrayList<>();
        switch (row.className()) {
            case "JCacheBenchmark" -> {
                if ("docstore".equals(row.params().get("provider"))) {
                    references.add(new Reference("docstore / Caffeine", row.method(), Map.of("provider", "caffeine")));
                }
            }
            case "BoundedCacheBenchmark" -> {
                if ("true".equals(row.params().get("bounded"))) {
                    references.add(new Reference("bounded / unbounded", row.method(), Map.of("bounded", "false")));
                }
                if ("docstore".equals(row.params().get("provider"))) {
                    references.add(new Reference("docstore / Caffeine", row.method(), Map.of("provider", "caffeine")));
                }
            }
            case "StatisticsCostBenchmark" -> {
                if ("true".equals(row.params().get("statistics"))) {
                    references.add(new Reference("statistics on / off", row.method(), Map.of("statistics", "false")));
                }
            }
            case "IndexedUpdateBenchmark" -> {
                if (!"0".equals(row.params().get("indexes"))) {
                    references.add(new Reference("/ the same with 0 indexes", row.method(), Map.of("indexes", "0")));
                }
            }
            case "IndexQueryBenchmark", "DocumentCacheQueryBenchmark" -> {
                String kind = queryKind(row);
                if (kind != null && row.method().startsWith("docstore")) {
                    references.add(new Reference("docstore / CQEngine", "cqengine" + kind, Map.of()));
                    references.add(new Reference("docstore / H2", "h2" + kind, Map.of()));
                }
            }
            case "ClusterBenchmark" -> {
                String raw = CLUSTER_RAW.get(row.method());
                if (raw != null) {
                    references.add(new Reference("docstore / IMap OBJECT", raw, Map.of("format", "OBJECT")));
                }
            }
            default -> {
                // no comparison beyond the ceiling
            }
        }
        return references;
    }

    /** {@code Exact}, {@code Range}, {@code Prefix} or {@code Count} for an index query, else {@code null}. */
    private static String queryKind(Row row) {
        for (String kind : List.of("Exact", "Range", "Prefix", "Count")) {
            if (row.method().endsWith(kind)) {
                return kind;
            }
        }
        return null;
    }

    /** Hits per query of an index query (entries counted for {@code count}), or 0 for any other benchmark. */
    static int hits(Row row) {
        if (row.className().equals("DocumentCacheQueryBenchmark")) {
            return 100;
        }
        if (row.className().equals("ClusterBenchmark")) {
            return row.method().equals("docstoreQuery") || row.method().equals("imapPredicate") ? 100 : 0;
        }
        if (!row.className().equals("IndexQueryBenchmark")) {
            return 0;
        }
        int documents = Integer.parseInt(row.params().getOrDefault("documents", "0"));
        if (row.method().endsWith("Prefix")) {
            return documents / 1_000;
        }
        if (row.method().endsWith("Count")) {
            return documents / 100;
        }
        return 100;
    }
}
