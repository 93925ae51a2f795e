package dev.docstore.console.web;

import dev.docstore.console.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The console's HTTP server, on Jetty's core server (no servlets). Jetty parses a request only as its bytes arrive, so
 * a connection that stalls holds no thread; the idle timeout closes it, and the number of connections is capped
 * ({@link ServerLimits}). Every request then passes the {@link AccessGuard} and goes to the API or the static page
 * ({@link ConsoleHandler}); the answers Jetty writes itself come from {@link ErrorPages}.
 *
 * <p>Thread-safe: Jetty's threads parse and answer requests; calls to the target run on the API's bounded pool of
 * workers. All state is in the thread-safe {@link Console} and the immutable guard.
 */
public final class ConsoleServer implements AutoCloseable {
    private final Server server;
    private final InetAddress address;
    private final ServerConnector connector;
    private final ThreadPoolExecutor workers;
    private final AccessGuard guard;

    private ConsoleServer(Server server, InetAddress address, ServerConnector connector, ThreadPoolExecutor workers,
            AccessGuard guard) {
        this.server = server;
        this.address = address;
        this.connector = connector;
        this.workers = workers;
        this.guard = guard;
    }

    /** Starts serving {@code console} on {@code address} ({@code port} 0 picks a free port) with the default limits. */
    public static ConsoleServer start(Console console, InetAddress address, int port) {
        return start(console, address, port, List.of(), ServerLimits.DEFAULT);
    }

    /**
     * Starts serving {@code console} on {@code address} ({@code port} 0 picks a free port).
     *
     * @param hostNames names besides its address that the console answers to ({@code NAME} or {@code NAME:PORT})
     * @throws IllegalArgumentException if a host name is not one
     */
    public static ConsoleServer start(Console console, InetAddress address, int port, List<String> hostNames,
            ServerLimits limits) {
        QueuedThreadPool threads = new QueuedThreadPool(limits.requestThreads(), 2);
        threads.setName("docstore-console-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setErrorHandler(new ErrorPages());
        try {
            // bound before the server starts: the guard needs the port that was picked
            connector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address.getHostAddress() + ":" + port, e);
        }
        int bound = connector.getLocalPort();
        AccessGuard guard;
        try {
            guard = new AccessGuard(bound, HostNames.accepted(address, bound, hostNames));
        } catch (IllegalArgumentException e) {
            connector.close();
            throw e;
        }
        ThreadPoolExecutor workers = workers(limits);
        ApiRoutes api = new ApiRoutes(console, guard.csrfToken(), HostNames.literal(address) + ":" + bound, workers,
                limits.maxUploadBytes());
        server.setHandler(new ConsoleHandler(guard, api));
        ConsoleServer consoleServer = new ConsoleServer(server, address, connector, workers, guard);
        try {
            server.start();
        } catch (Exception e) {
            consoleServer.close();
            throw new IllegalStateException("the console's HTTP server did not start: " + e.getMessage(), e);
        }
        return consoleServer;
    }

    private static ThreadPoolExecutor workers(ServerLimits limits) {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(limits.apiWorkers(), limits.apiWorkers(), 30,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(limits.apiQueue()), runnable -> {
                    Thread thread = new Thread(runnable, "docstore-console-api");
                    thread.setDaemon(true);
                    return thread;
                });
        workers.allowCoreThreadTimeOut(true);
        return workers;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The address to open in a browser, with the access token. */
    public String url() {
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : HostNames.literal(address);
        return "http://" + host + ":" + port() + "/?token=" + guard.token();
    }

    /** The access token. */
    public String token() {
        return guard.token();
    }

    /** The {@code Host} names the console answers to, as {@code host:port}. */
    public Set<String> hostNames() {
        return guard.hosts();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping closes the listening socket first; what fails after that leaves nothing listening
        } finally {
            workers.shutdownNow();
        }
    }
}
