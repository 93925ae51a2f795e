package dev.docstore.tck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.BeanProvider;
import javax.cache.spi.CachingProvider;

import org.junit.AfterClass;
import org.junit.Test;
import org.springframework.aop.support.AopUtils;

/**
 * Checks, before the TCK runs, that the harness cannot report a TCK test as passed without running it.
 *
 * <p>The TCK silently excludes (and reports as passed) its {@code testUnwrap} tests when a {@code javax.cache.*}
 * system property names no loadable class, its annotation tests when no {@link BeanProvider} is found, and whatever
 * the {@code ExcludeList} resource names. Runs in its own surefire execution ({@code harness-check}), so the TCK's
 * own count stays the TCK's.
 */
public class HarnessCheck {

    @AfterClass
    public static void closeProviders() {
        for (CachingProvider provider : Caching.getCachingProviders()) {
            provider.close();
        }
    }

    @Test
    public void unwrapClassesNameLoadableImplementations() {
        assertImplements("javax.cache.CacheManager", CacheManager.class);
        assertImplements("javax.cache.Cache", Cache.class);
        assertImplements("javax.cache.Cache.Entry", Cache.Entry.class);
    }

    @Test
    public void exactlyOneCachingProviderAndItsManagerIsTheConfiguredClass() throws ClassNotFoundException {
        List<String> providers = new ArrayList<>();
        for (CachingProvider provider : Caching.getCachingProviders()) {
            providers.add(provider.getClass().getName());
        }
        assertEquals("CachingProviders on the test class path: " + providers, 1, providers.size());

        CacheManager manager = Caching.getCachingProvider().getCacheManager();
        Class<?> expected = Class.forName(System.getProperty("javax.cache.CacheManager"));
        assertTrue(manager.getClass().getName() + " is not a " + expected.getName(), expected.isInstance(manager));
    }

    @Test
    public void annotationTestsGetInterceptedBeans() {
        List<BeanProvider> beanProviders = new ArrayList<>();
        ServiceLoader.load(BeanProvider.class).forEach(beanProviders::add);
        assertEquals("BeanProviders found by ServiceLoader", 1, beanProviders.size());
        BeanProvider beanProvider = beanProviders.get(0);

        for (Class<?> beanClass : SpringBeanProvider.BEAN_CLASSES) {
            Object bean = beanProvider.getBeanByType(beanClass);
            assertNotNull(beanClass.getName(), bean);
            assertTrue(beanClass.getName() + " is not proxied", AopUtils.isCglibProxy(bean));
            assertTrue(beanClass.getName() + " is not a " + beanClass.getName(), beanClass.isInstance(bean));
        }
        CacheManager manager = Caching.getCachingProvider().getCacheManager();
        for (String name : SpringBeanProvider.CACHE_NAMES) {
            assertNotNull("cache " + name, manager.getCache(name));
        }
    }

    @Test
    public void excludeListExcludesOnlyTheDummyTest() throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("ExcludeList")) {
            assertNotNull("ExcludeList resource", in);
            List<String> entries = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toList());
            assertEquals(List.of("org.jsr107.tck.CachingTest#dummyTest"), entries);
        }
        assertEquals("the TCK reads the resource named by -DExcludeList", null, System.getProperty("ExcludeList"));
    }

    private static void assertImplements(String property, Class<?> api) {
        String className = System.getProperty(property);
        if (className == null || className.isBlank()) {
            fail("system property " + property + " is not set: the TCK would skip its testUnwrap tests as passed");
        }
        try {
            Class<?> type = Class.forName(className);
            assertTrue(className + " does not implement " + api.getName(), api.isAssignableFrom(type));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(property + "=" + className + " is not on the test class path: the TCK would "
                    + "skip its testUnwrap tests as passed", e);
        }
    }
}
