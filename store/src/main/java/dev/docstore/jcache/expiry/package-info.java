/**
 * Expiry: {@link dev.docstore.jcache.expiry.ExpiryRules} turns a cache's {@code ExpiryPolicy} into expiry times on its
 * clock, with the spec's rules for zero, {@code null} and failing durations, and applies them to engine entries;
 * {@link dev.docstore.jcache.expiry.Expirable} is what a cache with a non-eternal policy stores: the value and when it
 * expires. Only this package sets an expiry time.
 *
 * <p>Internal: part of the provider, not an API; may change. Expiry is configured through the JCache API
 * ({@code MutableConfiguration.setExpiryPolicyFactory}) and the clock through
 * {@link dev.docstore.jcache.DocstoreConfiguration}.
 */
package dev.docstore.jcache.expiry;
