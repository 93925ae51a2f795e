package dev.docstore.console.jmx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Reads and changes caches over one {@link JmxTarget}: the list of caches (docstore's and any other JCache
 * provider's that registers the spec beans), a cache's configuration, store figures and bound, its indexes, index
 * administration, index scans and changing a bound's maximum. Values come back as plain maps and lists, ready to be written as JSON.
 *
 * <p>Thread-safe: holds nothing but the target.
 */
public final class CacheBrowser {
    /** The spec configuration attributes shown for every cache. */
    private static final String[] CONFIGURATION = {"KeyType", "ValueType", "StoreByValue", "StatisticsEnabled",
        "ManagementEnabled", "ReadThrough", "WriteThrough"};
    /**
     * docstore's figures for the list of caches: counters the target keeps up to date, so listing every cache costs it
     * next to nothing however often the page is opened (its index table and index bytes are a walk of every index).
     */
    private static final String[] LIST_FIGURES = {"DocumentCount", "RetainedVersions", "OpenSnapshots", "IndexCount"};
    /** docstore's figures for a cache's own page; its index bytes are added up from the index table it reads. */
    private static final String[] PAGE_FIGURES = {"DocumentCount", "RetainedVersions", "OpenSnapshots",
        "EstimatedDocumentBytes"};

    /** docstore's bound attributes, read together for a cache's page and after changing the maximum. */
    private static final String[] BOUND = {"BoundKind", "Maximum", "WeightedSize"};

    private final JmxTarget target;

    public CacheBrowser(JmxTarget target) {
        this.target = target;
    }

    public JmxTarget target() {
        return target;
    }

    /** Every cache with management or statistics enabled, ordered by manager then name. */
    public List<CacheRef> caches() {
        return target.call(connection -> {
            // docstore's beans carry the real names, so two caches the spec's escaping makes look alike ("a:b" and
            // "a.b") are both listed; a spec bean stands for a cache of its own only if no docstore bean covers it
            Set<CacheRef> caches = new HashSet<>();
            Set<String> coveredSpecNames = new HashSet<>();
            for (ObjectName name : connection.queryNames(JmxNames.ALL_DOCUMENT_CACHES, null)) {
                if (!JmxNames.isDocumentCache(name)) {
                    continue;
                }
                CacheRef ref = new CacheRef(JmxNames.unquoted(name, "manager"), JmxNames.unquoted(name, "name"));
                caches.add(ref);
                coveredSpecNames.add(JmxNames.specValue(ref.manager()) + "\n" + JmxNames.specValue(ref.cache()));
            }
            for (ObjectName pattern : List.of(JmxNames.ALL_CACHE_CONFIGURATIONS, JmxNames.ALL_CACHE_STATISTICS)) {
                for (ObjectName name : connection.queryNames(pattern, null)) {
                    String specName = name.getKeyProperty("CacheManager") + "\n" + name.getKeyProperty("Cache");
                    if (!coveredSpecNames.contains(specName)) {
                        caches.add(new CacheRef(JmxNames.unquoted(name, "CacheManager"),
                                JmxNames.unquoted(name, "Cache")));
                    }
                }
            }
            List<CacheRef> sorted = new ArrayList<>(caches);
            sorted.sort(Comparator.comparing(CacheRef::manager).thenComparing(CacheRef::cache));
            return sorted;
        });
    }

    /**
     * A cache's summary for the list of caches: manager, name, whether it is a docstore cache, the spec
     * configuration, docstore's cheap figures and the number of indexes, and whether statistics can be read.
     */
    public Map<String, Object> summary(CacheRef ref) {
        return target.call(connection -> {
            Map<String, Object> cache = common(connection, ref);
            if ((Boolean) cache.get("docstore")) {
                Map<String, Object> figures = new LinkedHashMap<>(attributes(connection, JmxNames.documentCache(ref),
                        LIST_FIGURES));
                cache.put("figures", figures);
                // null from a docstore that predates the attribute: the page shows a dash
                cache.put("indexCount", figures.remove("IndexCount"));
            }
            return cache;
        });
    }

    /**
     * A cache's page: the summary, with docstore's figures including the estimated bytes of documents and indexes,
     * and its indexes (empty for a cache of another provider). The index table is read once; the index count and
     * bytes come from it.
     */
    public Map<String, Object> details(CacheRef ref) {
        return target.call(connection -> {
            Map<String, Object> cache = common(connection, ref);
            List<Map<String, Object>> indexes = List.of();
            if ((Boolean) cache.get("docstore")) {
                ObjectName documents = JmxNames.documentCache(ref);
                Map<String, Object> figures = new LinkedHashMap<>(attributes(connection, documents, PAGE_FIGURES));
                indexes = indexRows(connection, documents);
                figures.put("EstimatedIndexBytes", indexes.stream()
                        .mapToLong(index -> index.get("estimatedBytes") instanceof Number bytes ? bytes.longValue() : 0)
                        .sum());
                cache.put("figures", figures);
                cache.put("indexCount", indexes.size());
                cache.put("bound", bound(connection, documents));
            }
            cache.put("indexes", indexes);
            return cache;
        });
    }

    /**
     * A docstore cache's bound: {@code kind} ("size", "weight" or "none"), {@code maximum} and {@code weightedSize}
     * (what the entries take of it); {@code null} from a docstore that predates the bound attributes.
     */
    private static Map<String, Object> bound(MBeanServerConnection connection, ObjectName documents)
            throws IOException, JMException {
        Map<String, Object> attributes = attributes(connection, documents, BOUND);
        if (!attributes.containsKey("BoundKind")) {
            return null;
        }
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("kind", attributes.get("BoundKind"));
        bound.put("maximum", attributes.get("Maximum"));
        bound.put("weightedSize", attributes.get("WeightedSize"));
        return bound;
    }

    /**
     * Changes the maximum of a bounded docstore cache's bound, and returns the bound as it is after (a lower maximum
     * has evicted down to it by then). The target refuses an unbounded cache or a maximum that is not positive, with
     * its reason, as an {@link OperationFailedException}.
     */
    public Map<String, Object> setMaximum(CacheRef ref, long maximum) {
        return target.call(connection -> {
            ObjectName documents = documentBean(connection, ref);
            connection.setAttribute(documents, new Attribute("Maximum", maximum));
            return bound(connection, documents);
        });
    }

    /** Throws {@link UnknownCacheException} unless the target manages a cache named {@code ref}. */
    public void requireKnown(CacheRef ref) {
        target.call(connection -> common(connection, ref));
    }

    private Map<String, Object> common(MBeanServerConnection connection, CacheRef ref)
            throws IOException, JMException {
        boolean docstore = connection.isRegistered(JmxNames.documentCache(ref));
        boolean statistics = connection.isRegistered(JmxNames.statistics(ref));
        ObjectName configuration = JmxNames.configuration(ref);
        boolean configured = connection.isRegistered(configuration);
        if (!docstore && !configured && !statistics) {
            throw new UnknownCacheException(ref, target.description());
        }
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("manager", ref.manager());
        cache.put("name", ref.cache());
        cache.put("docstore", docstore);
        cache.put("statistics", statistics);
        cache.put("configuration", configured ? attributes(connection, configuration, CONFIGURATION) : Map.of());
        return cache;
    }

    /** The indexes of a docstore cache, one map per index with the figures the cache's bean reports. */
    private static List<Map<String, Object>> indexRows(MBeanServerConnection connection, ObjectName documents)
            throws IOException, JMException {
        TabularData table = (TabularData) connection.getAttribute(documents, "Indexes");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CompositeData row : rows(table.values())) {
            Map<String, Object> index = new LinkedHashMap<>();
            for (String item : row.getCompositeType().keySet()) {
                index.put(item, row.get(item));
            }
            rows.add(index);
        }
        rows.sort(Comparator.comparing(index -> String.valueOf(index.get("name"))));
        return rows;
    }

    private static List<CompositeData> rows(Collection<?> values) {
        List<CompositeData> rows = new ArrayList<>();
        for (Object value : values) {
            rows.add((CompositeData) value);
        }
        return rows;
    }

    /** Creates an index; returns the cache's one-line summary of it. */
    public String createIndex(CacheRef ref, String name, List<String> paths, boolean unique) {
        return (String) invoke(ref, "createIndex", new Object[] {name, paths.toArray(new String[0]), unique},
                String.class, String[].class, boolean.class);
    }

    public void dropIndex(CacheRef ref, String name) {
        invoke(ref, "dropIndex", new Object[] {name}, String.class);
    }

    public String rebuildIndex(CacheRef ref, String name) {
        return (String) invoke(ref, "rebuildIndex", new Object[] {name}, String.class);
    }

    /** One page of an index scan, as the JSON text the cache's bean returns. */
    public String queryPage(CacheRef ref, String index, String boundsJson, int offset, int limit) {
        return (String) invoke(ref, "queryPage", new Object[] {index, boundsJson, offset, limit}, String.class,
                String.class, int.class, int.class);
    }

    private Object invoke(CacheRef ref, String operation, Object[] arguments, Class<?>... types) {
        String[] signature = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            signature[i] = types[i].getName();
        }
        return target.call(connection -> connection.invoke(documentBean(connection, ref), operation, arguments,
                signature));
    }

    private ObjectName documentBean(MBeanServerConnection connection, CacheRef ref) throws IOException {
        ObjectName name = JmxNames.documentCache(ref);
        if (!connection.isRegistered(name)) {
            throw new OperationFailedException("no docstore cache '" + ref.cache() + "' of manager " + ref.manager()
                    + " has management enabled in " + target.description());
        }
        return name;
    }

    static Map<String, Object> attributes(MBeanServerConnection connection, ObjectName name, String... names)
            throws IOException, JMException {
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            AttributeList list = connection.getAttributes(name, names);
            for (Attribute attribute : list.asList()) {
                values.put(attribute.getName(), attribute.getValue());
            }
        } catch (InstanceNotFoundException e) {
            // the cache was closed or its management switched off between listing and reading: show nothing
            return Map.of();
        }
        return values;
    }
}
