/**
 * JMX: the standard JCache MXBeans ({@code javax.cache:type=CacheConfiguration|CacheStatistics}) and the one utility
 * that builds, escapes, registers and unregisters every object name ({@link dev.docstore.management.JmxRegistration}).
 * Nothing else in docstore touches an {@code MBeanServer}. A cache's export and import over JMX, to a path or in
 * chunks through private temporary files, live in {@link dev.docstore.management.DocumentCacheMBean}'s helpers
 * ({@code CacheTransfers}, {@code TransferSessions} and the sessions themselves).
 */
package dev.docstore.management;
