/**
 * The console's JMX side: connecting to a JVM (by service URL, by local process id through the Attach API, or the
 * console's own JVM), reading cache managers, caches, statistics and indexes from the {@code javax.cache} and
 * {@code dev.docstore} MBeans, sampling statistics over time, collecting index notifications, and moving a cache's
 * export to and from the target in chunks ({@link dev.docstore.console.jmx.TransferClient}). Nothing here knows about
 * HTTP.
 */
package dev.docstore.console.jmx;
