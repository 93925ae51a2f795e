/**
 * JMX: the standard JCache MXBeans ({@code javax.cache:type=CacheConfiguration|CacheStatistics}) and the one utility
 * that builds, escapes, registers and unregisters every object name ({@link dev.docstore.management.JmxRegistration}).
 * Nothing else in docstore touches an {@code MBeanServer}.
 */
package dev.docstore.management;
