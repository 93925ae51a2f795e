package dev.docstore.console.jmx;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ReflectionException;
import javax.management.RuntimeMBeanException;
import javax.management.RuntimeOperationsException;
import javax.management.remote.JMXConnectionNotification;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * One JVM the console talks to: an {@link MBeanServerConnection} and a description fit to show (it never holds
 * credentials). Every call goes through {@link #call}, which turns a broken connection into
 * {@link TargetUnavailableException} and remembers it, and an operation the target refused (including one the
 * user's access level does not allow, which arrives as a {@link SecurityException}) into
 * {@link OperationFailedException} with the target's message.
 *
 * <p>A remote call that takes longer than the answer timeout (20 s unless told otherwise) marks the target lost: a
 * JVM that stopped answering (suspended, or behind a broken network) would otherwise hold every console thread that
 * asks it, for as long as TCP keeps the connection open. Remote calls therefore run on a shared pool of daemon
 * threads while the caller waits at most that long; a call that never returns keeps only its pool thread.
 *
 * <p>Thread-safe: the connection is thread-safe, and the lost state is a volatile field written once per loss.
 */
public final class JmxTarget implements AutoCloseable {
    /** A call against the target's MBean server. */
    @FunctionalInterface
    public interface Call<T> {
        T run(MBeanServerConnection connection) throws IOException, JMException;
    }

    /** How long a remote JVM may take to answer one call before it counts as unreachable. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    private static final ExecutorService REMOTE_CALLS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "docstore-console-jmx-call");
        thread.setDaemon(true);
        return thread;
    });

    private final String description;
    private final MBeanServerConnection connection;
    private final JMXConnector connector;
    private final Duration answerTimeout;
    private volatile String lostBecause;

    private JmxTarget(String description, MBeanServerConnection connection, JMXConnector connector,
            Duration answerTimeout) {
        this.description = description;
        this.connection = connection;
        this.connector = connector;
        this.answerTimeout = answerTimeout;
        if (connector != null) {
            connector.addConnectionNotificationListener((notification, handback) -> {
                String type = notification.getType();
                if (JMXConnectionNotification.CLOSED.equals(type) || JMXConnectionNotification.FAILED.equals(type)) {
                    lost("the connection was " + (JMXConnectionNotification.CLOSED.equals(type) ? "closed" : "lost"));
                }
            }, null, null);
        }
    }

    /** The console's own JVM, through the platform MBean server (the demo). */
    public static JmxTarget thisJvm(String description) {
        return new JmxTarget(description, ManagementFactory.getPlatformMBeanServer(), null, ANSWER_TIMEOUT);
    }

    /**
     * Connects to a JMX service URL such as {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi}, with
     * credentials when {@code user} is not null. Failures say what failed but never repeat the password.
     */
    public static JmxTarget connect(String serviceUrl, String user, char[] password) {
        return connect(serviceUrl, user, password, ANSWER_TIMEOUT);
    }

    /** As {@link #connect(String, String, char[])}, giving up on any answer after {@code answerTimeout}. */
    public static JmxTarget connect(String serviceUrl, String user, char[] password, Duration answerTimeout) {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL(serviceUrl.trim());
        } catch (IOException | RuntimeException e) {
            throw new OperationFailedException("not a JMX service URL: " + serviceUrl
                    + " (expected e.g. service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi)");
        }
        Map<String, Object> environment = new HashMap<>();
        if (user != null && !user.isEmpty()) {
            environment.put(JMXConnector.CREDENTIALS, new String[] {user, new String(password)});
        }
        return open(url, environment, url.toString() + (user == null || user.isEmpty() ? "" : " as " + user),
                answerTimeout);
    }

    static JmxTarget open(JMXServiceURL url, Map<String, ?> environment, String description) {
        return open(url, environment, description, ANSWER_TIMEOUT);
    }

    private static JmxTarget open(JMXServiceURL url, Map<String, ?> environment, String description,
            Duration answerTimeout) {
        Future<JMXConnector> connecting = REMOTE_CALLS.submit(() -> JMXConnectorFactory.connect(url, environment));
        try {
            JMXConnector connector = connecting.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new JmxTarget(description, connector.getMBeanServerConnection(), connector, answerTimeout);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            if (failure instanceof SecurityException) {
                throw new OperationFailedException("the JVM at " + url + " refused the credentials");
            }
            throw new TargetUnavailableException("could not connect to " + url + ": " + reason(failure));
        } catch (IOException | RuntimeException e) {
            throw new TargetUnavailableException("could not connect to " + url + ": " + reason(e));
        } catch (TimeoutException e) {
            connecting.cancel(true);
            throw new TargetUnavailableException("could not connect to " + url + ": no answer within "
                    + answerTimeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            connecting.cancel(true);
            Thread.currentThread().interrupt();
            throw new TargetUnavailableException("interrupted while connecting to " + url);
        }
    }

    /** What to show for this target. */
    public String description() {
        return description;
    }

    /** Why the target became unreachable, or {@code null} while it is reachable as far as the console knows. */
    public String lostBecause() {
        return lostBecause;
    }

    /** Runs a call against the target, translating failures as the class comment says. */
    public <T> T call(Call<T> call) {
        return call(answerTimeout, call);
    }

    /**
     * Runs a call that may take longer than the answer timeout to be answered, waiting up to {@code timeout}: one
     * whose work grows with the cache (an export written whole, an import applied), which the target does while the
     * caller waits; if it has not answered by then, the target counts as lost, as for any call.
     */
    public <T> T call(Duration timeout, Call<T> call) {
        if (connector == null) {
            return translated(call);
        }
        Future<T> answer = REMOTE_CALLS.submit(() -> translated(call));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            lost("it did not answer within " + timeout.toMillis() + " ms");
            throw unavailable(lostBecause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new TargetUnavailableException("interrupted while waiting for " + description);
        }
    }

    private <T> T translated(Call<T> call) {
        String lost = lostBecause;
        if (lost != null) {
            throw unavailable(lost);
        }
        try {
            return call.run(connection);
        } catch (IOException e) {
            lost(reason(e));
            throw unavailable(lostBecause);
        } catch (RuntimeMBeanException | RuntimeOperationsException | MBeanException | ReflectionException e) {
            throw new OperationFailedException(reason(e));
        } catch (JMException e) {
            throw new OperationFailedException(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (SecurityException e) {
            throw new OperationFailedException("the JVM " + description + " refused: " + reason(e));
        }
    }

    private TargetUnavailableException unavailable(String why) {
        return new TargetUnavailableException("The JVM " + description + " is no longer reachable (" + why
                + "). Connect again or choose another JVM.");
    }

    private void lost(String why) {
        if (lostBecause == null) {
            lostBecause = why;
        }
    }

    /** The innermost message of a failure: what a person needs to read, without the wrapping. */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        lost("the console disconnected");
        if (connector != null) {
            // closing tells the target, which may not answer: nobody waits for it (connecting elsewhere included)
            REMOTE_CALLS.execute(() -> {
                try {
                    connector.close();
                } catch (IOException ignored) {
                    // the connection is already gone; nothing is left to release
                }
            });
        }
    }
}
