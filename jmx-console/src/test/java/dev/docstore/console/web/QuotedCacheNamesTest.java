package dev.docstore.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docstore.console.testing.ConsoleHarness;
import dev.docstore.console.jmx.CacheRef;
import dev.docstore.console.jmx.TargetSession;
import dev.docstore.console.testing.TestCaches;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Caches whose names hold what a plain JMX name value cannot ({@code * ? " \\}), so docstore's registration quotes
 * them in the spec beans' names: the console builds the same names, so it lists each such cache once by its own name,
 * shows its statistics and samples it.
 */
@Timeout(120)
class QuotedCacheNamesTest {
    private final TestCaches caches = new TestCaches();
    private ConsoleHarness harness;

    @BeforeEach
    void connect() {
        harness = new ConsoleHarness();
        harness.console.useThisJvm("the test JVM");
    }

    @AfterEach
    void closeAll() {
        harness.close();
        caches.close();
    }

    private TargetSession session() {
        return harness.console.session().orElseThrow();
    }

    @Test
    void areListedOnceShownAndSampled() {
        URI starred = URI.create("urn:docstore:quoted-" + UUID.randomUUID() + ":a*b?c");
        List<String> names = List.of("star*", "what?", "say \"cheese\"", "back\\slash", "all*?\"\\:=,\nof them");
        List<Cache<String, Map<String, Object>>> created = new ArrayList<>();
        for (String name : names) {
            created.add(caches.create(starred, name));
        }
        created.add(caches.create("plain*"));
        for (Cache<String, Map<String, Object>> quoted : created) {
            quoted.put("k", Map.of("city", "Oslo"));
            quoted.get("k");
            quoted.get("absent");
        }
        List<CacheRef> refs = created.stream().map(quoted -> new CacheRef(TestCaches.manager(quoted),
                quoted.getName())).toList();
        JsonNode listed = harness.getJson("/api/caches");
        for (CacheRef quoted : refs) {
            List<JsonNode> entries = StreamSupport.stream(listed.spliterator(), false)
                    .filter(node -> quoted.manager().equals(node.get("manager").asText())
                            && quoted.cache().equals(node.get("name").asText())).toList();
            assertThat(entries).as("%s listed once, by its own name", quoted).singleElement().satisfies(entry -> {
                assertThat(entry.get("docstore").asBoolean()).isTrue();
                assertThat(entry.get("statistics").asBoolean()).as("its statistics bean is found").isTrue();
                assertThat(entry.at("/configuration/KeyType").asText()).isEqualTo(String.class.getName());
            });
        }
        assertThat(StreamSupport.stream(listed.spliterator(), false).filter(node -> node.get("manager").asText()
                .startsWith("\"") || node.get("name").asText().startsWith("\""))).as("no spec bean listed apart")
                .isEmpty();

        harness.clock.addAndGet(1_000);
        session().sampler().sample();
        for (CacheRef quoted : refs) {
            assertThat(session().sampler().history(quoted)).as("samples of %s", quoted).isNotEmpty();
            String query = "manager=" + URLEncoder.encode(quoted.manager(), StandardCharsets.UTF_8) + "&cache="
                    + URLEncoder.encode(quoted.cache(), StandardCharsets.UTF_8);
            JsonNode page = harness.getJson("/api/cache?" + query);
            assertThat(page.get("statistics").asBoolean()).as("%s has statistics", quoted).isTrue();
            JsonNode stats = harness.getJson("/api/stats?" + query);
            assertThat(stats.at("/latest/gets").asLong()).as("gets of %s", quoted).isEqualTo(2);
            assertThat(stats.at("/latest/hits").asLong()).as("hits of %s", quoted).isEqualTo(1);
            assertThat(stats.at("/latest/documents").asLong()).as("documents of %s", quoted).isEqualTo(1);
        }
    }
}
