/**
 * Harness for running the JSR-107 (JCache 1.1.1) TCK, {@code javax.cache:cache-tests}, against the provider under
 * test: docstore by default, the reference implementation with {@code -Pri}.
 *
 * <p>The TCK's twelve annotation tests ({@code org.jsr107.tck.annotation.*}) do not call the cache themselves: they
 * ask a {@link javax.cache.annotation.BeanProvider}, found through {@link java.util.ServiceLoader}, for three
 * annotated blog managers and expect {@code @CacheResult}, {@code @CacheRemove} and {@code @CacheRemoveAll} on
 * them to be intercepted. When no {@code BeanProvider} is found the TCK excludes those tests, and an excluded test is
 * reported as passed, so they would pass without testing anything. {@link dev.docstore.tck.SpringBeanProvider}
 * exists so that they run through a real interceptor stack (Spring's JSR-107 annotation support) over the provider's
 * own {@code CacheManager}. {@link dev.docstore.tck.HarnessCheck} fails the build before the TCK runs when any
 * such silent pass is possible.
 */
package dev.docstore.tck;
