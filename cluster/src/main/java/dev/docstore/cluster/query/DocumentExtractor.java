package dev.docstore.cluster.query;

import com.hazelcast.query.extractor.ValueCollector;
import com.hazelcast.query.extractor.ValueExtractor;
import dev.docstore.cluster.StoredEntry;
import dev.docstore.index.FieldPath;
import dev.docstore.index.ValueOrder;
import dev.docstore.jcache.PropertyFieldReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hazelcast's view of a cluster cache's documents: the attribute {@code doc[<path>]} of a {@link StoredEntry} is
 * every value its {@link FieldPath} reaches in the entry's value (document fields of maps, properties of plain
 * objects and records, one value per element of a {@code tags[]} path), each as an {@link OrderedValue}. Values
 * without a place in docstore's value order are left out, as the local store's indexes leave them out.
 *
 * <p>The path travels hex-encoded inside the brackets ({@code doc[616765]} is {@code age}), because Hazelcast parses
 * the argument of an attribute and a path may hold {@code []} or characters it would read as syntax. Registered once
 * per map as the attribute {@value #ATTRIBUTE}; Hazelcast creates one instance and calls it from many threads, so the
 * parsed paths are kept in a concurrent map.
 */
public final class DocumentExtractor implements ValueExtractor<StoredEntry, String> {
    /** The name of the attribute every cluster cache's map declares. */
    public static final String ATTRIBUTE = "doc";

    private static final Map<String, FieldPath> PATHS = new ConcurrentHashMap<>();

    /** The Hazelcast attribute name under which {@code path}'s values are indexed and queried. */
    public static String attribute(FieldPath path) {
        return ATTRIBUTE + "[" + HexFormat.of().formatHex(path.toString().getBytes(StandardCharsets.UTF_8)) + "]";
    }

    @Override
    public void extract(StoredEntry target, String argument, ValueCollector<Object> collector) {
        if (target == null || argument == null) {
            return;
        }
        FieldPath path = PATHS.computeIfAbsent(argument, DocumentExtractor::decode);
        path.read(target.value(), PropertyFieldReader.INSTANCE, value -> {
            if (ValueOrder.isOrderable(value)) {
                collector.addObject(OrderedValue.of(value));
            }
        });
    }

    private static FieldPath decode(String argument) {
        return FieldPath.parse(new String(HexFormat.of().parseHex(argument), StandardCharsets.UTF_8));
    }
}
