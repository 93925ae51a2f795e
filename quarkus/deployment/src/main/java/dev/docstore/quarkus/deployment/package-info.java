/**
 * The extension's build steps: {@link dev.docstore.quarkus.deployment.DocstoreProcessor} registers docstore as a
 * quarkus-cache backend, the bean that holds the application's cache manager, and the {@code @DocstoreCache}
 * injection points' caches.
 */
package dev.docstore.quarkus.deployment;
