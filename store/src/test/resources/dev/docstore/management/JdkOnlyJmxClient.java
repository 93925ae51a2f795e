import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX client with nothing but the JDK, as JConsole is: RemoteJmxTest runs this file in source-file mode with an
 * empty class path, so any value or exception of a docstore class would fail to deserialise here. It reads every
 * attribute of the beans named in its arguments, invokes every operation of a DocumentCache bean (on a small scratch
 * cache, as it clears it), sends it bad input, and prints one line per step; the test checks the lines.
 *
 * <p>Arguments: port, user, password, then the object names of the big cache's DocumentCache bean, the manager bean,
 * the big cache's statistics and configuration beans, and the scratch cache's DocumentCache bean. Exits 1 if a step
 * that should work fails.
 */
public class JdkOnlyJmxClient {
    private static final String[] CREATE = {"java.lang.String", "[Ljava.lang.String;", "boolean"};
    private static final String[] NAME = {"java.lang.String"};
    private static final String[] QUERY = {"java.lang.String", "java.lang.String", "int"};
    private static final String[] NONE = {};

    private static boolean failed;

    public static void main(String[] args) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + args[0] + "/jmxrmi");
        Map<String, Object> env = Map.of(JMXConnector.CREDENTIALS, new String[] {args[1], args[2]});
        List<ObjectName> readOnly = new ArrayList<>();
        for (int i = 3; i < 7; i++) {
            readOnly.add(new ObjectName(args[i]));
        }
        ObjectName scratch = new ObjectName(args[7]);
        System.out.println("class path: [" + System.getProperty("java.class.path") + "]");
        try (JMXConnector connector = JMXConnectorFactory.connect(url, env)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            for (ObjectName bean : readOnly) {
                readAll(server, bean);
            }
            BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
            server.addNotificationListener(scratch, (notification, handback) -> notifications.add(notification),
                    null, null);

            ok(server, scratch, "createIndex", new Object[] {"byName", new String[] {"name"}, false}, CREATE);
            ok(server, scratch, "query", new Object[] {"byName", "{\"prefix\": [\"person-1\"]}", 5}, QUERY);
            ok(server, scratch, "find", new Object[] {"{\"where\": [{\"path\": \"name\", \"op\": \"eq\","
                    + " \"value\": \"person-2\"}]}"}, NAME);
            ok(server, scratch, "explain", new Object[] {"{\"where\": [{\"path\": \"name\", \"op\": \"eq\","
                    + " \"value\": \"person-2\"}]}"}, NAME);

            bad(server, scratch, "query-unknown-index", "query",
                    new Object[] {"nope", "{\"eq\": [\"x\"]}", 10}, QUERY);
            bad(server, scratch, "drop-unknown-index", "dropIndex", new Object[] {"nope"}, NAME);
            bad(server, scratch, "rebuild-unknown-index", "rebuildIndex", new Object[] {"nope"}, NAME);
            bad(server, scratch, "query-malformed-json", "query", new Object[] {"byName", "{not json", 10}, QUERY);
            bad(server, scratch, "find-malformed-json", "find", new Object[] {"{not json"}, NAME);
            bad(server, scratch, "explain-malformed-json", "explain", new Object[] {"{not json"}, NAME);
            bad(server, scratch, "query-unknown-field", "query",
                    new Object[] {"byName", "{\"eq\": [\"x\"], \"colour\": \"red\"}", 10}, QUERY);
            bad(server, scratch, "find-wrong-operator", "find", new Object[] {"{\"where\": [{\"path\": \"name\","
                    + " \"op\": \"like\", \"value\": \"x\"}]}"}, NAME);
            bad(server, scratch, "query-negative-limit", "query",
                    new Object[] {"byName", "{\"eq\": [\"x\"]}", -1}, QUERY);
            bad(server, scratch, "create-duplicate-name", "createIndex",
                    new Object[] {"byName", new String[] {"name"}, false}, CREATE);
            bad(server, scratch, "create-unique-violation", "createIndex",
                    new Object[] {"byCityUnique", new String[] {"city"}, true}, CREATE);
            bad(server, scratch, "create-no-paths", "createIndex",
                    new Object[] {"noPaths", new String[0], false}, CREATE);

            ok(server, scratch, "rebuildIndex", new Object[] {"byName"}, NAME);
            readAll(server, scratch);
            ok(server, scratch, "dropIndex", new Object[] {"byName"}, NAME);
            ok(server, scratch, "clear", new Object[0], NONE);
            System.out.println("after clear: DocumentCount = "
                    + describe(server.getAttribute(scratch, "DocumentCount")));

            for (int i = 0; i < 3; i++) {
                Notification notification = notifications.poll(20, TimeUnit.SECONDS);
                if (notification == null) {
                    System.out.println("UNEXPECTED: notification " + (i + 1) + " of 3 did not arrive");
                    failed = true;
                    break;
                }
                System.out.println("notification " + notification.getType() + " #" + notification.getSequenceNumber()
                        + " source=" + notification.getSource() + " message=" + notification.getMessage()
                        + " userData=" + describe(notification.getUserData()));
            }
        }
        System.exit(failed ? 1 : 0);
    }

    private static void readAll(MBeanServerConnection server, ObjectName bean) {
        try {
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(bean).getAttributes()) {
                System.out.println("attribute " + bean.getKeyProperty("type") + "." + attribute.getName() + " = "
                        + describe(server.getAttribute(bean, attribute.getName())));
            }
        } catch (Exception e) {
            System.out.println("UNEXPECTED reading " + bean + ": " + chain(e));
            failed = true;
        }
    }

    private static void ok(MBeanServerConnection server, ObjectName bean, String operation, Object[] parameters,
                           String[] signature) {
        try {
            Object result = server.invoke(bean, operation, parameters, signature);
            System.out.println("operation " + operation + " = " + describe(result));
        } catch (Exception e) {
            System.out.println("UNEXPECTED " + operation + ": " + chain(e));
            failed = true;
        }
    }

    private static void bad(MBeanServerConnection server, ObjectName bean, String label, String operation,
                            Object[] parameters, String[] signature) throws Exception {
        try {
            Object result = server.invoke(bean, operation, parameters, signature);
            System.out.println("UNEXPECTED " + label + " succeeded: " + describe(result));
            failed = true;
        } catch (Exception e) {
            System.out.println("error " + label + " -> " + chain(e));
        }
        System.out.println("after " + label + ": indexes=" + indexNames(server, bean) + " documents="
                + server.getAttribute(bean, "DocumentCount"));
    }

    private static String indexNames(MBeanServerConnection server, ObjectName bean) throws Exception {
        Object indexes = server.getAttribute(bean, "Indexes");
        if (!(indexes instanceof TabularData table)) {
            return "(not a table but a " + indexes.getClass().getName() + ")";
        }
        TreeSet<String> names = new TreeSet<>();
        for (Object row : table.values()) {
            names.add((String) ((CompositeData) row).get("name"));
        }
        return names.toString();
    }

    private static String chain(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return text.toString().replace('\n', ' ');
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String[] strings) {
            return Arrays.toString(strings) + " (String[])";
        }
        if (value instanceof TabularData table) {
            StringBuilder text = new StringBuilder(table.getTabularType().getTypeName() + " rows=" + table.size());
            for (Object row : table.values()) {
                text.append(' ').append(describe(row));
            }
            return text.toString();
        }
        if (value instanceof CompositeData row) {
            StringBuilder text = new StringBuilder("{");
            for (String key : row.getCompositeType().keySet()) {
                text.append(text.length() > 1 ? ", " : "").append(key).append('=').append(describe(row.get(key)));
            }
            return text.append('}').toString();
        }
        return String.valueOf(value).replace('\n', ' ') + " (" + value.getClass().getName() + ")";
    }
}
