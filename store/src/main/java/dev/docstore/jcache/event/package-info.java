/**
 * Cache entry events: {@link dev.docstore.jcache.event.EventDispatcher} delivers what the cache publishes to its
 * registered listeners, synchronously or in per-key order on the executor; a listener's registration (with its filter)
 * and the event it receives stay private to this package.
 *
 * <p>Internal: part of the provider, not an API; may change. Listeners are registered through the JCache API
 * ({@code Cache.registerCacheEntryListener}, {@code MutableConfiguration.addCacheEntryListenerConfiguration}).
 */
package dev.docstore.jcache.event;
