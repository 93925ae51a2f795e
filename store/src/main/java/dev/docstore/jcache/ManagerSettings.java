package dev.docstore.jcache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a configuration file gives a new cache manager: the caches to create with it, and the template applied to
 * caches created later with a configuration that is not a {@link DocstoreConfiguration}. Immutable.
 *
 * @param caches   the caches to create, by name, in the file's order
 * @param template the template for runtime caches, or {@code null} for none (plain configurations are kept as given)
 */
public record ManagerSettings(Map<String, DocstoreConfiguration<?, ?>> caches, DocstoreConfiguration<?, ?> template) {
    /** No caches and no template: a manager as the JCache spec describes it. */
    public static final ManagerSettings NONE = new ManagerSettings(Map.of(), null);

    public ManagerSettings {
        caches = Collections.unmodifiableMap(new LinkedHashMap<>(caches));
    }
}
