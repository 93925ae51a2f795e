package dev.docstore.tck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.BeanProvider;
import javax.cache.configuration.MutableConfiguration;

import manager.CacheNameOnEachMethodBlogManagerImpl;
import manager.ClassLevelCacheConfigBlogManagerImpl;
import manager.UsingDefaultCacheNameBlogManagerImpl;

import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link BeanProvider} through which the TCK's annotation tests get their annotated beans.
 *
 * <p>Why it exists: without a {@code BeanProvider} the TCK excludes its twelve annotation tests, and excluded tests
 * are reported as passed. This one serves the TCK's blog managers from a Spring context with
 * {@code @EnableCaching(proxyTargetClass = true)}, so every {@code @CacheResult}, {@code @CacheRemove} and
 * {@code @CacheRemoveAll} goes through Spring's JSR-107 interceptor into the caches of the default
 * {@link CacheManager} of the provider under test ({@code Caching.getCachingProvider().getCacheManager()}).
 *
 * <p>Spring does not create missing caches, so the caches the annotated beans name are created first (untyped, with
 * a default {@link MutableConfiguration}). Other TCK tests close the default caching provider and destroy caches, so
 * the context is rebuilt whenever its {@code CacheManager} or one of its caches is no longer the live one. The
 * JCache {@code CacheManager} is deliberately not a Spring bean: Spring would close it with the context.
 *
 * <p>Registered in {@code META-INF/services/javax.cache.annotation.BeanProvider}; the TCK needs a public no-argument
 * constructor.
 */
public final class SpringBeanProvider implements BeanProvider {

    /**
     * Every cache name the TCK's annotated beans use ({@code manager.*BlogManagerImpl}): explicit names, the
     * {@code @CacheDefaults} name, and the JSR-107 default name of
     * {@code UsingDefaultCacheNameBlogManagerImpl.getEntryCached(String)}, which its other methods name explicitly.
     */
    static final List<String> CACHE_NAMES = List.of(
            "blogManager",
            "blgMngr",
            "manager.UsingDefaultCacheNameBlogManagerImpl.getEntryCached(java.lang.String)");

    /** The annotated beans the TCK asks for. */
    static final List<Class<?>> BEAN_CLASSES = List.of(
            CacheNameOnEachMethodBlogManagerImpl.class,
            ClassLevelCacheConfigBlogManagerImpl.class,
            UsingDefaultCacheNameBlogManagerImpl.class);

    private AnnotationConfigApplicationContext context;
    private CacheManager cacheManager;
    private Map<String, Cache<Object, Object>> caches = Map.of();

    /** Used by {@link java.util.ServiceLoader}. */
    public SpringBeanProvider() {
    }

    @Override
    public synchronized <T> T getBeanByType(Class<T> beanClass) {
        if (context == null || !live()) {
            rebuild();
        }
        return context.getBean(beanClass);
    }

    /** Whether the context still intercepts into the default cache manager's current caches. */
    private boolean live() {
        if (cacheManager.isClosed()
                || cacheManager != Caching.getCachingProvider().getCacheManager()) {
            return false;
        }
        for (Map.Entry<String, Cache<Object, Object>> cache : caches.entrySet()) {
            if (cache.getValue().isClosed() || cacheManager.getCache(cache.getKey()) != cache.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void rebuild() {
        if (context != null) {
            context.close();
        }
        CacheManager manager = Caching.getCachingProvider().getCacheManager();
        Map<String, Cache<Object, Object>> created = new LinkedHashMap<>();
        for (String name : CACHE_NAMES) {
            Cache<Object, Object> cache = manager.getCache(name);
            if (cache == null) {
                cache = manager.createCache(name, new MutableConfiguration<>());
            }
            created.put(name, cache);
        }

        AnnotationConfigApplicationContext fresh = new AnnotationConfigApplicationContext();
        fresh.register(InterceptionConfiguration.class);
        fresh.registerBean("cacheManager", JCacheCacheManager.class, () -> new JCacheCacheManager(manager));
        for (Class<?> beanClass : BEAN_CLASSES) {
            fresh.registerBean(beanClass);
        }
        fresh.refresh();

        this.cacheManager = manager;
        this.caches = created;
        this.context = fresh;
    }

    /**
     * Turns on Spring's JSR-107 annotation interception with class-based proxies: the TCK asks for the beans by
     * implementation class, which an interface-based proxy of {@code BlogManager} would not be.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableCaching(proxyTargetClass = true)
    static class InterceptionConfiguration {
    }
}
