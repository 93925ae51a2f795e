package dev.docstore.console.jmx;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServer;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.MBeanServerForwarder;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;

/**
 * An RMI JMX connector server for this JVM's platform MBeanServer, on 127.0.0.1 only (registry and RMI objects
 * listen there; stubs connect there), at a port chosen at runtime, accepting one user and password.
 */
public final class LoopbackJmxServer implements AutoCloseable {
    private final Registry registry;
    private final JMXConnectorServer server;
    private final JMXServiceURL url;

    /** Listens on loopback only. */
    static final class LoopbackServerSockets implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LoopbackServerSockets;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** Connects to loopback whatever host name the stub holds. */
    static final class LoopbackClientSockets implements RMIClientSocketFactory, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(InetAddress.getLoopbackAddress(), port);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LoopbackClientSockets;
        }

        @Override
        public int hashCode() {
            return 2;
        }
    }

    private LoopbackJmxServer(Registry registry, JMXConnectorServer server, JMXServiceURL url) {
        this.registry = registry;
        this.server = server;
        this.url = url;
    }

    /** What the server does before it runs an MBeanServer method: nothing, refuse it, or wait. */
    @FunctionalInterface
    public interface Interceptor {
        void before(String method) throws Exception;
    }

    /** Refuses every invocation or change, as the JDK's agent refuses a {@code readonly} user of its access file. */
    static final Interceptor READ_ONLY = method -> {
        if (Set.of("invoke", "setAttribute", "setAttributes", "createMBean", "registerMBean", "unregisterMBean")
                .contains(method)) {
            throw new SecurityException("Access denied! Invalid access level for requested MBeanServer operation.");
        }
    };

    /** Starts a registry and a connector server for {@code user} with full access. */
    public static LoopbackJmxServer start(String user, String password) throws IOException {
        return start(user, password, method -> { });
    }

    /** Starts a registry and a connector server whose MBeanServer calls first pass {@code interceptor}. */
    public static LoopbackJmxServer start(String user, String password, Interceptor interceptor) throws IOException {
        return start(user, password, interceptor, new LoopbackClientSockets());
    }

    /**
     * Starts a registry and a connector server for {@code user} that a JVM without the test classes can reach (the
     * shaded jar): its stubs carry no client socket factory of ours, so they name 127.0.0.1 through the JVM-wide
     * {@code java.rmi.server.hostname}, which this sets. Only for a JVM of its own (the integration tests').
     */
    public static LoopbackJmxServer startForOtherJvms(String user, String password) throws IOException {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        return start(user, password, method -> { }, null);
    }

    private static LoopbackJmxServer start(String user, String password, Interceptor interceptor,
            LoopbackClientSockets clients) throws IOException {
        int port = freePort();
        LoopbackServerSockets servers = new LoopbackServerSockets();
        Registry registry = LocateRegistry.createRegistry(port, clients, servers);
        try {
            JMXAuthenticator authenticator = credentials -> {
                if (credentials instanceof String[] pair && pair.length == 2 && user.equals(pair[0])
                        && password.equals(pair[1])) {
                    return new Subject(true, Set.of(new JMXPrincipal(user)), Collections.emptySet(),
                            Collections.emptySet());
                }
                throw new SecurityException("Authentication failed! Invalid username or password");
            };
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1/jndi/rmi://127.0.0.1:" + port
                    + "/jmxrmi");
            Map<String, Object> environment = new HashMap<>();
            environment.put(JMXConnectorServer.AUTHENTICATOR, authenticator);
            environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, servers);
            if (clients != null) {
                environment.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clients);
            }
            JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url, environment,
                    ManagementFactory.getPlatformMBeanServer());
            server.setMBeanServerForwarder(forwarder(interceptor));
            server.start();
            return new LoopbackJmxServer(registry, server, url);
        } catch (IOException | RuntimeException e) {
            UnicastRemoteObject.unexportObject(registry, true);
            throw e;
        }
    }

    private static MBeanServerForwarder forwarder(Interceptor interceptor) {
        AtomicReference<MBeanServer> next = new AtomicReference<>();
        InvocationHandler handler = (proxy, method, arguments) -> {
            switch (method.getName()) {
                case "getMBeanServer":
                    return next.get();
                case "setMBeanServer":
                    next.set((MBeanServer) arguments[0]);
                    return null;
                default:
                    interceptor.before(method.getName());
                    try {
                        return method.invoke(next.get(), arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        };
        return (MBeanServerForwarder) Proxy.newProxyInstance(LoopbackJmxServer.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, handler);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The URL a client connects to: {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:PORT/jmxrmi}. */
    public String url() {
        return "service:jmx:rmi:///jndi/" + url.getURLPath().substring("/jndi/".length());
    }

    /** Stops the connector server (clients lose their connections); the registry stays until {@link #close}. */
    public void stop() throws IOException {
        server.stop();
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } finally {
            try {
                UnicastRemoteObject.unexportObject(registry, true);
            } catch (NoSuchObjectException ignored) {
                // already unexported
            }
        }
    }
}
