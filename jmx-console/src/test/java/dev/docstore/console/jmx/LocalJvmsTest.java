package dev.docstore.console.jmx;

import static dev.docstore.console.testing.ConsoleHarness.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docstore.console.testing.ConsoleHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local JVMs through the Attach API: two child JVMs ({@link ChildCacheHost}), one started with the management agent
 * and one without. The console lists both (and itself), attaches to the one without an agent by starting it, refuses
 * to attach to itself, and when that child dies says so and keeps running. The children are always destroyed.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalJvmsTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static final List<Process> children = new ArrayList<>();
    private static final Map<Process, CompletableFuture<Void>> READY = new ConcurrentHashMap<>();
    private static Child withAgent;
    private static Child withoutAgent;
    private static ConsoleHarness harness;

    private record Child(Process process, String manager, String cache) {
        long pid() {
            return process.pid();
        }
    }

    @BeforeAll
    static void startChildren() {
        harness = new ConsoleHarness();
        withAgent = start("-Dcom.sun.management.jmxremote");
        withoutAgent = start(null);
        await().atMost(START).until(() -> ready(withAgent) && ready(withoutAgent));
    }

    private static boolean ready(Child child) {
        assertThat(child.process().isAlive()).as("child %d is alive", child.pid()).isTrue();
        return READY.get(child.process()).isDone();
    }

    private static Child start(String agentOption) {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String manager = "urn:docstore:local-jvms-test-" + UUID.randomUUID();
        String cache = agentOption == null ? "without-agent" : "with-agent";
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        if (agentOption != null) {
            command.add(agentOption);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildCacheHost.class.getName(), manager,
                cache));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(dir.resolve(cache + ".stderr").toFile()).start();
            children.add(process);
            CompletableFuture<Void> ready = ChildCacheHost.readiness(process, "child-stdout-" + cache);
            READY.put(process, ready);
            return new Child(process, manager, cache);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    @AfterAll
    static void stopChildren() throws Exception {
        try {
            if (harness != null) {
                harness.close();
            }
        } finally {
            for (Process process : children) {
                process.getOutputStream().close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static JsonNode jvm(JsonNode jvms, long pid) {
        for (JsonNode jvm : jvms) {
            if (jvm.get("pid").asLong() == pid) {
                return jvm;
            }
        }
        throw new AssertionError("process " + pid + " is not listed: " + jvms);
    }

    private static String stderr(Child child) throws IOException {
        return Files.readString(dir.resolve(child.cache() + ".stderr"));
    }

    @Test
    @Order(1)
    void listsBothChildrenAndItself() {
        // a child that is slow to answer the probe (a busy machine) is listed as not answering: ask again
        await().atMost(START).untilAsserted(() -> {
            JsonNode jvms = harness.getJson("/api/jvms");
            JsonNode agent = jvm(jvms, withAgent.pid());
            assertThat(agent.get("agentRunning").asBoolean()).as("%s; stderr: %s", agent, stderr(withAgent))
                    .isTrue();
            assertThat(agent.get("docstore").asBoolean()).as(agent.toString()).isTrue();
            assertThat(agent.get("console").asBoolean()).isFalse();
            assertThat(agent.get("name").asText()).contains(ChildCacheHost.class.getSimpleName());

            JsonNode plain = jvm(jvms, withoutAgent.pid());
            assertThat(plain.get("agentRunning").asBoolean()).as(plain.toString()).isFalse();
            assertThat(plain.get("docstore").isNull()).as(plain.toString()).isTrue();
            assertThat(plain.get("note").asText()).contains("not started");

            JsonNode self = jvm(jvms, ProcessHandle.current().pid());
            assertThat(self.get("console").asBoolean()).isTrue();
        });
    }

    @Test
    @Order(2)
    void attachingToItselfIsRefused() {
        HttpResponse<String> refused = harness.post("/api/connect", Map.of("pid", ProcessHandle.current().pid()));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused)).contains("this console");
        assertThat(harness.post("/api/connect", Map.of("pid", -3)).statusCode()).isEqualTo(400);
        assertThat(harness.post("/api/connect", Map.of("pid", "twelve")).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(3)
    void attachingStartsTheAgentOfAJvmWithoutOneAndShowsItsCache() throws IOException {
        HttpResponse<String> connected = harness.post("/api/connect", Map.of("pid", withoutAgent.pid()));
        assertThat(connected.statusCode()).as("%s; child stderr: %s", connected.body(), stderr(withoutAgent))
                .isEqualTo(200);
        assertThat(ConsoleHarness.json(connected).get("description").asText())
                .contains(String.valueOf(withoutAgent.pid()));
        JsonNode caches = harness.getJson("/api/caches");
        assertThat(caches).singleElement().satisfies(cache -> {
            assertThat(cache.get("manager").asText()).isEqualTo(withoutAgent.manager());
            assertThat(cache.get("name").asText()).isEqualTo(withoutAgent.cache());
            assertThat(cache.at("/figures/DocumentCount").asLong()).isEqualTo(1);
        });
        await().atMost(START).untilAsserted(() -> {
            JsonNode nowWithAgent = jvm(harness.getJson("/api/jvms"), withoutAgent.pid());
            assertThat(nowWithAgent.get("agentRunning").asBoolean()).as(nowWithAgent.toString()).isTrue();
            assertThat(nowWithAgent.get("docstore").asBoolean()).as(nowWithAgent.toString()).isTrue();
        });
    }

    @Test
    @Order(4)
    void whenTheAttachedJvmDiesTheConsoleSaysSoAndKeepsRunning() throws InterruptedException {
        assertThat(harness.post("/api/connect", Map.of("pid", withoutAgent.pid())).statusCode()).isEqualTo(200);
        withoutAgent.process().destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        HttpResponse<String> lost = harness.get("/api/caches");
        assertThat(lost.statusCode()).isEqualTo(503);
        assertThat(error(lost)).contains("no longer reachable", String.valueOf(withoutAgent.pid()));
        assertThat(harness.getJson("/api/session").at("/target/lost").asText()).isNotBlank();
        assertThat(harness.get("/").statusCode()).isEqualTo(200);
        assertThat(harness.getJson("/api/jvms").findValues("pid")).extracting(JsonNode::asLong)
                .contains(withAgent.pid());
        assertThat(harness.post("/api/connect", Map.of("pid", withAgent.pid())).statusCode()).isEqualTo(200);
        assertThat(harness.getJson("/api/caches")).singleElement().satisfies(
                cache -> assertThat(cache.get("manager").asText()).isEqualTo(withAgent.manager()));
    }
}
