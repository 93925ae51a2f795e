package dev.docstore.management;

import dev.docstore.jcache.DocstoreCacheManager;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 * The one place docstore builds object names and (un)registers MBeans, in the platform MBeanServer.
 *
 * <p>Names follow the spec: {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>},
 * where {@code :}, {@code =}, {@code ,} and newlines in the URI and name are replaced by {@code .}; a value that would
 * still not make a plain name (it holds {@code *}, {@code ?} or a quote) is quoted with {@link ObjectName#quote}.
 * docstore's own beans are {@code dev.docstore:type=DocumentCache,manager="<uri>",name="<cache>"} and
 * {@code dev.docstore:type=CacheManager,name="<uri>"}, with values always quoted, so any character survives and reads
 * back with {@link ObjectName#unquote}.
 *
 * <p>Every registration has an owner (the cache or manager it belongs to). Registering a name that is registered
 * already does nothing; unregistering removes a name only for its owner. So callers can enable, disable, close and
 * destroy in any order without leftovers or duplicates, and two managers whose names collide (same URI in two class
 * loaders, which the spec's names cannot tell apart) never remove each other's beans.
 *
 * <p>Thread-safe: registration is serialised on the class.
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

    /** docstore's own domain. */
    public static final String DOMAIN = "dev.docstore";

    private static final Map<ObjectName, Object> OWNERS = new ConcurrentHashMap<>();
    private static final Map<ObjectName, DocumentCacheBean> DOCUMENT_BEANS = new ConcurrentHashMap<>();

    private JmxRegistration() {
    }

    /** The spec's object name of a cache's bean. */
    public static ObjectName name(Kind kind, URI managerUri, String cacheName) {
        return objectName("javax.cache:type=" + kind.type + ",CacheManager=" + escape(managerUri.toString())
                + ",Cache=" + escape(cacheName));
    }

    /** The spec's escaping of a name part, quoted when it still holds what a plain value cannot. */
    static String escape(String part) {
        String replaced = part.replaceAll(":|=|\n|,", ".");
        return replaced.matches("(?s).*[*?\"\\\\].*") ? ObjectName.quote(replaced) : replaced;
    }

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

    /** Registers the configuration bean of {@code cache}. */
    public static void registerConfiguration(Cache<?, ?> cache, URI managerUri) {
        register(name(Kind.CONFIGURATION, managerUri, cache.getName()), cache,
                () -> new CacheConfigurationBean(cache));
    }

    /** Registers the statistics bean of {@code cache}. */
    public static void registerStatistics(Cache<?, ?> cache, URI managerUri, CacheStatisticsMXBean statistics) {
        register(name(Kind.STATISTICS, managerUri, cache.getName()), cache, () -> statistics);
    }

    /** Unregisters one standard bean of {@code cache}, if it registered it. */
    public static void unregister(Kind kind, URI managerUri, Cache<?, ?> cache) {
        unregister(name(kind, managerUri, cache.getName()), cache);
    }

    static synchronized void registerDocumentCache(Cache<?, ?> cache, URI managerUri,
                                                   Function<ObjectName, DocumentCacheBean> bean) {
        ObjectName name = documentCacheName(managerUri, cache.getName());
        if (!OWNERS.containsKey(name)) {
            DocumentCacheBean created = bean.apply(name);
            register(name, cache, created::asMBean);
            DOCUMENT_BEANS.put(name, created);
        }
    }

    static synchronized void unregisterDocumentCache(URI managerUri, Cache<?, ?> cache) {
        ObjectName name = documentCacheName(managerUri, cache.getName());
        if (unregister(name, cache)) {
            DOCUMENT_BEANS.remove(name).detach();
        }
    }

    static void registerManager(DocstoreCacheManager manager, Supplier<CacheManagerBean> bean) {
        register(managerName(manager.getURI()), manager, () -> bean.get().asMBean());
    }

    static void unregisterManager(DocstoreCacheManager manager) {
        unregister(managerName(manager.getURI()), manager);
    }

    /** Registers what {@code bean} supplies under {@code name} for {@code owner}, unless the name is taken. */
    static synchronized void register(ObjectName name, Object owner, Supplier<?> bean) {
        if (OWNERS.containsKey(name)) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (!server.isRegistered(name)) {
                server.registerMBean(bean.get(), name);
                OWNERS.put(name, owner);
            }
        } catch (InstanceAlreadyExistsException taken) {
            // registered by someone else (outside docstore): leave it alone
        } catch (JMException e) {
            throw new CacheException("cannot register " + name + " with the platform MBeanServer", e);
        }
    }

    /** Unregisters {@code name} if {@code owner} registered it; returns whether it did. */
    static synchronized boolean unregister(ObjectName name, Object owner) {
        if (OWNERS.get(name) != owner) {
            return false;
        }
        OWNERS.remove(name);
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (InstanceNotFoundException gone) {
            // unregistered from outside meanwhile: the outcome wanted
        } catch (JMException e) {
            throw new CacheException("cannot unregister " + name + " from the platform MBeanServer", e);
        }
        return true;
    }
}
