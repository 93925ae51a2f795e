package dev.docstore.management;

import dev.docstore.jcache.DocstoreCacheManager;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The one place docstore builds object names and (un)registers MBeans, in the platform MBeanServer. Registering what
 * is registered already, or unregistering what is not, does nothing, so callers can enable, disable, close and destroy
 * in any order without leftovers or duplicates.
 *
 * <p>Names follow the spec: {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>},
 * where {@code :}, {@code =}, {@code ,} and newlines in the URI and name are replaced by {@code .}. docstore's own
 * beans are {@code dev.docstore:type=DocumentCache,manager="<uri>",name="<cache>"} and
 * {@code dev.docstore:type=CacheManager,name="<uri>"}, with values quoted by {@link ObjectName#quote}, so any
 * character (including {@code *}, {@code ?}, quotes and newlines) survives and reads back with
 * {@link ObjectName#unquote}.
 *
 * <p>Thread-safe: registration is serialised on the class, so concurrent enables of one cache register it once.
 */
public final class JmxRegistration {
    /** The kinds of standard bean a cache has. */
    public enum Kind {
        CONFIGURATION("CacheConfiguration"), STATISTICS("CacheStatistics");

        private final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    private JmxRegistration() {
    }

    /** The spec's object name of a cache's bean. */
    public static ObjectName name(Kind kind, URI managerUri, String cacheName) {
        return objectName("javax.cache:type=" + kind.type + ",CacheManager=" + escape(managerUri.toString())
                + ",Cache=" + escape(cacheName));
    }

    /** The spec's escaping of a name part: {@code :}, {@code =}, {@code ,} and newline become {@code .}. */
    static String escape(String part) {
        return part.replaceAll(":|=|\n|,", ".");
    }

    /** docstore's own domain. */
    public static final String DOMAIN = "dev.docstore";

    private static final Map<ObjectName, DocumentCacheBean> DOCUMENT_BEANS = new ConcurrentHashMap<>();

    /** The name of docstore's bean for a cache. */
    public static ObjectName documentCacheName(URI managerUri, String cacheName) {
        return objectName(DOMAIN + ":type=DocumentCache,manager=" + ObjectName.quote(managerUri.toString())
                + ",name=" + ObjectName.quote(cacheName));
    }

    /** The name of docstore's bean for a cache manager. */
    public static ObjectName managerName(URI managerUri) {
        return objectName(DOMAIN + ":type=CacheManager,name=" + ObjectName.quote(managerUri.toString()));
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new CacheException("cannot build the JMX name " + name, e);
        }
    }

    static synchronized void registerDocumentCache(Cache<?, ?> cache, URI managerUri,
                                                   Supplier<DocumentCacheBean> bean) {
        ObjectName name = documentCacheName(managerUri, cache.getName());
        if (!DOCUMENT_BEANS.containsKey(name)) {
            DocumentCacheBean created = bean.get();
            register(created, name);
            DOCUMENT_BEANS.put(name, created);
        }
    }

    static synchronized void unregisterDocumentCache(URI managerUri, String cacheName) {
        ObjectName name = documentCacheName(managerUri, cacheName);
        unregister(name);
        DocumentCacheBean bean = DOCUMENT_BEANS.remove(name);
        if (bean != null) {
            bean.detach();
        }
    }

    static synchronized void registerManager(DocstoreCacheManager manager, Supplier<CacheManagerBean> bean) {
        ObjectName name = managerName(manager.getURI());
        if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
            register(bean.get(), name);
        }
    }

    static void unregisterManager(URI managerUri) {
        unregister(managerName(managerUri));
    }

    /** Registers the configuration bean of {@code cache}. */
    public static void registerConfiguration(Cache<?, ?> cache, URI managerUri) {
        register(new CacheConfigurationBean(cache), name(Kind.CONFIGURATION, managerUri, cache.getName()));
    }

    /** Registers the statistics bean of {@code cache}. */
    public static void registerStatistics(Cache<?, ?> cache, URI managerUri, CacheStatisticsMXBean statistics) {
        register(statistics, name(Kind.STATISTICS, managerUri, cache.getName()));
    }

    /** Unregisters one bean of a cache; nothing happens if it is not registered. */
    public static void unregister(Kind kind, URI managerUri, String cacheName) {
        unregister(name(kind, managerUri, cacheName));
    }

    static synchronized void register(Object bean, ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (!server.isRegistered(name)) {
                server.registerMBean(bean, name);
            }
        } catch (InstanceAlreadyExistsException raced) {
            // registered by someone else meanwhile: the outcome wanted
        } catch (JMException e) {
            throw new CacheException("cannot register " + name + " with the platform MBeanServer", e);
        }
    }

    static synchronized void unregister(ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (InstanceNotFoundException raced) {
            // gone already: the outcome wanted
        } catch (JMException e) {
            throw new CacheException("cannot unregister " + name + " from the platform MBeanServer", e);
        }
    }
}
