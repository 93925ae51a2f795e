package dev.docstore.console.jmx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.InstanceNotFoundException;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * The notifications of every docstore cache bean of a target (index created, dropped, rebuilt), newest last, at
 * most {@code capacity} of them. {@link #subscribe()} listens to the beans that appeared since it last ran; the
 * console calls it with every statistics sample, so caches created later are followed too.
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
    private long received;

    public NotificationFeed(JmxTarget target, int capacity) {
        this.target = target;
        this.capacity = capacity;
    }

    /** Starts listening to docstore cache beans not followed yet; forgets beans that are gone. */
    public void subscribe() {
        target.call(connection -> {
            Set<ObjectName> present = connection.queryNames(JmxNames.ALL_DOCUMENT_CACHES, null);
            synchronized (this) {
                followed.retainAll(present);
            }
            for (ObjectName name : present) {
                boolean added;
                synchronized (this) {
                    added = followed.add(name);
                }
                if (added) {
                    try {
                        connection.addNotificationListener(name, listener, null, name);
                    } catch (InstanceNotFoundException e) {
                        synchronized (this) {
                            followed.remove(name);
                        }
                    }
                }
            }
            return null;
        });
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
