package dev.docstore.console.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote JVM that stops answering without going away: a child JVM ({@link ChildCacheHost}) with the JDK's agent on
 * 127.0.0.1 at a free port, suspended with SIGSTOP. Calls give up after the answer timeout and mark the target lost,
 * and closing the target does not wait for the suspended JVM. The child is resumed and destroyed afterwards.
 */
@Timeout(90)
class SuspendedTargetTest {
    /**
     * Long enough for a busy machine to answer the calls made before the child is suspended (connecting included);
     * after that, every call takes this long to give up.
     */
    private static final Duration ANSWER = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void destroyChild() throws Exception {
        if (child != null) {
            signal("CONT");
            child.getOutputStream().close();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s", name).isZero();
    }

    @Test
    void aSuspendedJvmIsReportedUnreachableAndClosingDoesNotWaitForIt() throws Exception {
        int port = LoopbackJmxServer.freePort();
        String manager = "urn:docstore:suspended-" + UUID.randomUUID();
        child = new ProcessBuilder(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-cp", System.getProperty("java.class.path"), ChildCacheHost.class.getName(), manager, "held"))
                .redirectError(dir.resolve("child.stderr").toFile()).start();
        CompletableFuture<Void> ready = ChildCacheHost.readiness(child, "suspended-child-stdout");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(child.isAlive()).as("the child runs").isTrue();
            return ready.isDone();
        });

        JmxTarget target = JmxTarget.connect("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi", null,
                null, ANSWER);
        CacheBrowser browser = new CacheBrowser(target);
        assertThat(browser.caches()).containsExactly(new CacheRef(manager, "held"));

        signal("STOP");
        Throwable silent = catchThrowable(browser::caches);
        assertThat(silent).isInstanceOf(TargetUnavailableException.class)
                .hasMessageContaining("no longer reachable").hasMessageContaining("did not answer within");
        // closing only hands the connector's close to another thread: any bound short of forever tells it apart
        // from waiting for a JVM that never answers
        assertTimeoutPreemptively(Duration.ofSeconds(20), target::close, "closing waits for the suspended JVM");
    }
}
