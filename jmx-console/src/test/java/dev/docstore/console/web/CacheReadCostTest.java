package dev.docstore.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docstore.console.testing.ConsoleHarness;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What reading caches costs the target: a bean in docstore's name that counts the reads of its {@code Indexes} table
 * and {@code EstimatedIndexBytes}, each a walk of every index in a real cache. The list of caches, which every page
 * load asks for, reads neither; a cache's page reads the table once and adds up the index bytes from it.
 */
@Timeout(120)
class CacheReadCostTest {
    private ConsoleHarness harness;

    @BeforeEach
    void connect() {
        harness = new ConsoleHarness();
        harness.console.useThisJvm("the test JVM");
    }

    @AfterEach
    void close() {
        harness.close();
    }

    /** docstore's cache bean as far as the console reads it, counting the reads that walk every index. */
    public interface CountingMBean {
        long getDocumentCount();

        long getRetainedVersions();

        int getOpenSnapshots();

        long getEstimatedDocumentBytes();

        long getEstimatedIndexBytes();

        int getIndexCount();

        TabularData getIndexes() throws OpenDataException;
    }

    public static final class Counting implements CountingMBean {
        final AtomicInteger indexTableReads = new AtomicInteger();
        final AtomicInteger indexBytesReads = new AtomicInteger();

        @Override
        public long getDocumentCount() {
            return 7;
        }

        @Override
        public long getRetainedVersions() {
            return 0;
        }

        @Override
        public int getOpenSnapshots() {
            return 0;
        }

        @Override
        public long getEstimatedDocumentBytes() {
            return 4_096;
        }

        @Override
        public long getEstimatedIndexBytes() {
            indexBytesReads.incrementAndGet();
            return 123;
        }

        @Override
        public int getIndexCount() {
            return 2;
        }

        @Override
        public TabularData getIndexes() throws OpenDataException {
            indexTableReads.incrementAndGet();
            CompositeType row = new CompositeType("index", "an index", new String[] {"name", "estimatedBytes"},
                    new String[] {"name", "bytes"}, new OpenType<?>[] {SimpleType.STRING, SimpleType.LONG});
            TabularDataSupport table = new TabularDataSupport(new TabularType("indexes", "indexes", row,
                    new String[] {"name"}));
            table.put(new CompositeDataSupport(row, new String[] {"name", "estimatedBytes"}, new Object[] {"a", 100L}));
            table.put(new CompositeDataSupport(row, new String[] {"name", "estimatedBytes"}, new Object[] {"b", 23L}));
            return table;
        }
    }

    @Test
    void theListReadsNoIndexFiguresAndACachesPageReadsTheIndexTableOnce() throws Exception {
        String countedManager = "urn:docstore:counted-" + UUID.randomUUID();
        ObjectName name = new ObjectName("dev.docstore:type=DocumentCache,manager=" + ObjectName.quote(countedManager)
                + ",name=" + ObjectName.quote("counted"));
        Counting bean = new Counting();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        server.registerMBean(bean, name);
        try {
            for (int load = 0; load < 3; load++) {
                JsonNode counted = StreamSupport.stream(harness.getJson("/api/caches").spliterator(), false)
                        .filter(node -> countedManager.equals(node.path("manager").asText())).findFirst()
                        .orElseThrow();
                assertThat(counted.get("indexCount").asInt()).isEqualTo(2);
                assertThat(counted.at("/figures/DocumentCount").asLong()).isEqualTo(7);
            }
            assertThat(bean.indexTableReads).as("Indexes reads by the list").hasValue(0);
            assertThat(bean.indexBytesReads).as("EstimatedIndexBytes reads by the list").hasValue(0);

            JsonNode page = harness.getJson("/api/cache?manager=" + URLEncoder.encode(countedManager,
                    StandardCharsets.UTF_8) + "&cache=counted");
            assertThat(bean.indexTableReads).as("Indexes reads by a cache's page").hasValue(1);
            assertThat(bean.indexBytesReads).as("EstimatedIndexBytes reads by a cache's page").hasValue(0);
            assertThat(page.get("indexCount").asInt()).isEqualTo(2);
            assertThat(page.get("indexes")).extracting(index -> index.get("name").asText()).containsExactly("a", "b");
            assertThat(page.at("/figures/EstimatedIndexBytes").asLong()).as("the sum of the table's bytes")
                    .isEqualTo(123);
            assertThat(page.at("/figures/EstimatedDocumentBytes").asLong()).isEqualTo(4_096);
        } finally {
            server.unregisterMBean(name);
        }
    }
}
