/**
 * Declarative configuration: a YAML or JSON file, read with Jackson, that names a cache manager's caches (types,
 * indexes, expiry, copy mode, statistics, management, bound, warm restart) and the {@code default} template for caches
 * created at runtime. A manager reads it when its URI names it ({@code classpath:}, {@code file:}, {@code jar:});
 * every key and its default are documented in {@code dev/docstore/config/reference.yaml}.
 * {@link dev.docstore.config.ConfigFileSource} plugs into the provider as its
 * {@link dev.docstore.jcache.ManagerSettingsSource}; the records here are the file's model.
 * {@link dev.docstore.config.WeigherSetting} says what a weigher setting may name (the built-in
 * {@code estimated-bytes} or a class), for the file and for the Quarkus extension alike.
 */
package dev.docstore.config;
