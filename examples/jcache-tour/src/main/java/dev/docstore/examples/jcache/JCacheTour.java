package dev.docstore.examples.jcache;

import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * docstore as a JCache provider: a cache of order documents created with an index, used through the standard API,
 * then queried through the index-aware extension, exported to a file and imported into a second cache.
 */
public final class JCacheTour {
    /** What the tour observed, for its test. */
    public record Outcome(String readBack, List<String> inLisbon, List<String> bigInLisbon, String plan,
                          long exported, List<String> restoredInLisbon) {
    }

    private JCacheTour() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    @SuppressWarnings("unchecked") // unwrap gives the index-aware view of this very cache
    public static Outcome run(PrintStream out) {
        CachingProvider provider = Caching.getCachingProvider();
        try (CacheManager manager = provider.getCacheManager(URI.create("urn:docstore:tour"), null)) {
            DocstoreConfiguration<String, Map<String, Object>> configuration = new DocstoreConfiguration<>();
            configuration.setTypes(String.class, (Class<Map<String, Object>>) (Class<?>) Map.class);
            configuration.addIndex(IndexDefinition.of("byCity", "address.city"));
            Cache<String, Map<String, Object>> orders = manager.createCache("orders", configuration);

            orders.put("o-1", Map.of("customer", "ada", "amount", 90, "address", Map.of("city", "Lisbon")));
            orders.put("o-2", Map.of("customer", "alan", "amount", 75, "address", Map.of("city", "Porto")));
            orders.put("o-3", Map.of("customer", "grace", "amount", 310, "address", Map.of("city", "Lisbon")));
            String readBack = (String) orders.get("o-1").get("customer");
            out.println("get o-1 -> customer " + readBack);

            DocumentCache<String, Map<String, Object>> documents = orders.unwrap(DocumentCache.class);
            List<String> inLisbon = keys(documents.lookup("byCity", "Lisbon"));
            out.println("orders in Lisbon: " + inLisbon);

            List<String> bigInLisbon = keys(documents.query(q -> q.where("address.city").eq("Lisbon")
                    .and("amount").gt(100)));
            String plan = documents.explain(q -> q.where("address.city").eq("Lisbon").and("amount").gt(100))
                    .toString();
            out.println("orders in Lisbon over 100: " + bigInLisbon + " (" + plan + ")");

            // a file of the cache's documents, with their types and indexes, read back into a cache of its own
            Path file = Files.createTempFile("orders", ".jsonl");
            long exported = documents.exportTo(file);
            // a cache without the index: the import creates the indexes the file's header names
            DocstoreConfiguration<String, Map<String, Object>> plain = new DocstoreConfiguration<>();
            plain.setTypes(configuration.getKeyType(), configuration.getValueType());
            Cache<String, Map<String, Object>> restored = manager.createCache("restored", plain);
            DocumentCache<String, Map<String, Object>> restoredDocuments = restored.unwrap(DocumentCache.class);
            ImportReport report = restoredDocuments.importFrom(file, ImportOptions.allOrNothing());
            Files.delete(file);
            List<String> restoredInLisbon = keys(restoredDocuments.lookup("byCity", "Lisbon"));
            out.println("exported " + exported + " orders, imported " + report.imported() + "; in Lisbon: "
                    + restoredInLisbon);
            return new Outcome(readBack, inLisbon, bigInLisbon, plan, exported, restoredInLisbon);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> keys(List<DocstoreCacheEntry<String, Map<String, Object>>> entries) {
        return entries.stream().map(DocstoreCacheEntry::getKey).sorted().toList();
    }
}
