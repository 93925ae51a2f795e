package dev.docstore.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.document.Documents;
import dev.docstore.transfer.ImportException;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Export and import keep every document, and each value's type, whether the cache keeps documents frozen (by value)
 * or as they were put (by reference); an import refuses, on its line, a value the cache cannot keep.
 */
class ExportImportRoundTripTest {
    private CacheManager manager;

    /** Not serializable, so a by-value cache can neither freeze nor copy a document that holds one. */
    public record Gadget(String name) {
    }

    @BeforeEach
    void open() {
        manager = JCacheTesting.newManager("export-import-round-trip");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @ParameterizedTest(name = "storeByValue={0}")
    @ValueSource(booleans = {true, false})
    void everyDocumentComesBackEqualWithItsValueTypes(boolean storeByValue) {
        Cache<String, Object> source = cache("source", storeByValue);
        Map<String, Object> originals = originals();
        source.putAll(originals);

        Cache<String, Object> target = cache("target", storeByValue);
        ImportReport report = JCacheTesting.documents(target).importFrom(
                new ByteArrayInputStream(export(source)), ImportOptions.allOrNothing().trustingClassNames());

        assertThat(report.imported()).isEqualTo(originals.size());
        for (Map.Entry<String, Object> original : originals.entrySet()) {
            assertThat(target.get(original.getKey())).as(original.getKey()).isEqualTo(original.getValue());
        }
        Map<?, ?> customer = (Map<?, ?>) target.get("customer");
        assertThat(customer.get("createdAt")).isInstanceOf(Long.class);
        assertThat(customer.get("balance")).isInstanceOf(Double.class);
        assertThat(customer.get("age")).isInstanceOf(Integer.class);
        assertThat(Documents.isFrozen(customer)).isEqualTo(storeByValue);
    }

    @Test
    void aFrozenDocumentIsExportedAsTheSameLineAsTheMapItWasFrozenFrom() {
        Cache<String, Object> byValue = cache("by-value", true);
        Cache<String, Object> byReference = cache("by-reference", false);
        Map<String, Object> originals = originals();
        originals.forEach((key, value) -> {
            byValue.put(key, value);
            byReference.put(key, value);
        });

        assertThat(documentLines(export(byValue))).isEqualTo(documentLines(export(byReference)));
    }

    @Test
    void aValueTheCacheCannotKeepIsRefusedOnItsLineAndSkippedOrRefusesTheFile() {
        Cache<String, Object> source = cache("source", false);
        source.put("plain", Map.of("name", "plain"));
        source.put("with gadget", Map.of("gadget", new Gadget("sprocket")));
        byte[] file = export(source);
        ImportOptions allowingGadgets = ImportOptions.skipAndReport().allowing(Gadget.class);

        Cache<String, Object> skipping = cache("skipping", true);
        ImportReport report = JCacheTesting.documents(skipping).importFrom(new ByteArrayInputStream(file),
                allowingGadgets);
        assertThat(report.imported()).isEqualTo(1);
        assertThat(skipping.get("plain")).isEqualTo(Map.of("name", "plain"));
        assertThat(skipping.containsKey("with gadget")).isFalse();
        assertThat(report.skipped()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(lineOf(file, "with gadget"));
            assertThat(problem.message()).contains("cannot keep the value of key with gadget");
        });

        Cache<String, Object> allOrNothing = cache("all-or-nothing", true);
        assertThatThrownBy(() -> JCacheTesting.documents(allOrNothing).importFrom(new ByteArrayInputStream(file),
                ImportOptions.allOrNothing().allowing(Gadget.class)))
                .isInstanceOf(ImportException.class).hasMessageContaining("cannot keep the value of key with gadget");
        assertThat(allOrNothing.iterator().hasNext()).isFalse();
    }

    /** Documents of every shape the codec distinguishes, under string keys. */
    private static Map<String, Object> originals() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Lyon");
        address.put("$ref", "a key that starts with $");
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("name", "Ada");
        customer.put("age", 37);
        customer.put("createdAt", 1_701_234_567_890L);
        customer.put("balance", 1234.5678);
        customer.put("address", address);
        customer.put("tags", new ArrayList<>(List.of("gold", "newsletter")));
        customer.put("nothing", null);
        Map<String, Object> originals = new LinkedHashMap<>();
        originals.put("customer", customer);
        originals.put("empty", new LinkedHashMap<>());
        originals.put("text", "just a string");
        return originals;
    }

    private Cache<String, Object> cache(String name, boolean storeByValue) {
        return manager.createCache(name, new MutableConfiguration<String, Object>()
                .setTypes(String.class, Object.class).setStoreByValue(storeByValue));
    }

    private static byte[] export(Cache<String, Object> cache) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JCacheTesting.documents(cache).exportTo(out);
        return out.toByteArray();
    }

    /** The document lines, sorted: neither the header (its time) nor the order of a snapshot is compared. */
    private static List<String> documentLines(byte[] file) {
        return new String(file, StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{\"key\""))
                .sorted().toList();
    }

    private static long lineOf(byte[] file, String key) {
        List<String> lines = new String(file, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"key\":\"" + key + "\"")) {
                return i + 1;
            }
        }
        throw new AssertionError("no line for key " + key);
    }
}
