package dev.docstore.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole configuration file: the caches to create, by name, and the template for caches created at runtime.
 *
 * @param caches          the caches, in the file's order (none when absent)
 * @param defaultTemplate the {@code default} key: the template, or {@code null} for none
 */
public record ConfigFile(Map<String, CacheSettings> caches,
                         @JsonProperty("default") CacheSettings defaultTemplate) {
    public ConfigFile {
        caches = caches == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(caches));
        caches.forEach((name, settings) -> {
            if (settings == null) {
                throw new InvalidSettingException("caches." + name, "cache '" + name + "' has no settings; "
                        + "write {} for all defaults");
            }
        });
    }
}
