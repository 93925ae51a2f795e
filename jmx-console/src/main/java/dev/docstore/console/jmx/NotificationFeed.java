package dev.docstore.console.jmx;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.InstanceNotFoundException;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.RuntimeOperationsException;
import javax.management.relation.MBeanServerNotificationFilter;

/**
 * The notifications of every docstore cache bean of a target (index created, dropped, rebuilt), newest last, at
 * most {@code capacity} of them. {@link #subscribe()} listens to the beans that appeared since it last ran; the
 * console calls it with every statistics sample, so caches created later are followed too. A bean that is
 * unregistered (its cache closed) is forgotten as soon as the target's MBean server says so, so a cache created again
 * under the same name is followed again. {@link #close()} removes the feed's listeners: without that, a feed of the
 * console's own JVM would stay registered, and keep collecting, after its session ended.
 *
 * <p>Thread-safe: notifications arrive on the connector's thread and are appended under the feed's lock; readers copy
 * under the same lock. Each entry gets a feed number, so a page can ask only for what it has not shown.
 */
public final class NotificationFeed {
    private final JmxTarget target;
    private final int capacity;
    private final Deque<Map<String, Object>> entries = new ArrayDeque<>();
    private final Set<ObjectName> followed = new HashSet<>();
    private final NotificationListener listener = this::received;
    private final NotificationListener unregistrations = this::unregistered;
    private long received;
    private boolean watchingUnregistrations;
    private boolean closed;

    public NotificationFeed(JmxTarget target, int capacity) {
        this.target = target;
        this.capacity = capacity;
    }

    /** Starts listening to docstore cache beans not followed yet; forgets beans that are gone. */
    public void subscribe() {
        target.call(connection -> {
            boolean watch;
            synchronized (this) {
                if (closed) {
                    return null;
                }
                watch = !watchingUnregistrations;
                watchingUnregistrations = true;
            }
            if (watch) {
                MBeanServerNotificationFilter filter = new MBeanServerNotificationFilter();
                filter.disableAllTypes();
                filter.enableType(MBeanServerNotification.UNREGISTRATION_NOTIFICATION);
                // a new filter selects no bean at all
                filter.enableAllObjectNames();
                connection.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, unregistrations, filter, null);
                if (isClosed()) {
                    removeQuietly(connection, MBeanServerDelegate.DELEGATE_NAME, unregistrations);
                }
            }
            Set<ObjectName> present = connection.queryNames(JmxNames.ALL_DOCUMENT_CACHES, null);
            synchronized (this) {
                followed.retainAll(present);
            }
            for (ObjectName name : present) {
                if (!JmxNames.isDocumentCache(name)) {
                    continue;
                }
                boolean added;
                synchronized (this) {
                    added = !closed && followed.add(name);
                }
                if (added) {
                    try {
                        connection.addNotificationListener(name, listener, null, name);
                    } catch (InstanceNotFoundException e) {
                        synchronized (this) {
                            followed.remove(name);
                        }
                    } catch (RuntimeOperationsException e) {
                        // a bean that sends no notifications (another docstore version's): nothing to follow, and
                        // no reason to stop following the others; it stays in 'followed' so it is not asked again
                    }
                    if (isClosed()) {
                        removeQuietly(connection, name, listener);
                    }
                }
            }
            return null;
        });
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void unregistered(Notification notification, Object handback) {
        if (notification instanceof MBeanServerNotification registration) {
            synchronized (this) {
                followed.remove(registration.getMBeanName());
            }
        }
    }

    /** Stops listening to the target's beans; entries received so far stay readable. */
    public void close() {
        Set<ObjectName> listenedTo;
        boolean watched;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            listenedTo = new HashSet<>(followed);
            followed.clear();
            watched = watchingUnregistrations;
        }
        try {
            target.call(connection -> {
                if (watched) {
                    removeQuietly(connection, MBeanServerDelegate.DELEGATE_NAME, unregistrations);
                }
                for (ObjectName name : listenedTo) {
                    removeQuietly(connection, name, listener);
                }
                return null;
            });
        } catch (TargetUnavailableException | OperationFailedException e) {
            // the target is gone, and its listeners with it
        }
    }

    private static void removeQuietly(MBeanServerConnection connection, ObjectName name,
            NotificationListener listener) throws IOException {
        try {
            connection.removeNotificationListener(name, listener);
        } catch (InstanceNotFoundException | ListenerNotFoundException e) {
            // the bean went away with its listeners
        }
    }

    private void received(Notification notification, Object handback) {
        ObjectName source = (ObjectName) handback;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("millis", notification.getTimeStamp());
        entry.put("type", notification.getType());
        entry.put("manager", JmxNames.unquoted(source, "manager"));
        entry.put("cache", JmxNames.unquoted(source, "name"));
        entry.put("message", notification.getMessage());
        synchronized (this) {
            if (closed) {
                return;
            }
            entry.put("number", ++received);
            entries.addLast(entry);
            while (entries.size() > capacity) {
                entries.removeFirst();
            }
        }
    }

    /** The entries numbered above {@code after}, oldest first. */
    public synchronized List<Map<String, Object>> since(long after) {
        List<Map<String, Object>> newer = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            if ((Long) entry.get("number") > after) {
                newer.add(entry);
            }
        }
        return newer;
    }
}
