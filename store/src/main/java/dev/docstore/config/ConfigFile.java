package dev.docstore.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole configuration file: the caches to create, by name, and the template for caches created at runtime. Checks
 * what no single cache can: that the template has no warm restart, and that no two caches save to one file.
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
        if (defaultTemplate != null && defaultTemplate.warmRestart() != null) {
            throw new InvalidSettingException("default.warmRestart", "a template cannot have a warm restart: every"
                    + " cache it makes would load and save the same file; give each cache its own under caches");
        }
        checkOneFileEach(caches);
    }

    /** Two caches saving one file would overwrite each other's documents, and load each other's at the next start. */
    private static void checkOneFileEach(Map<String, CacheSettings> caches) {
        Map<Path, String> owners = new HashMap<>();
        caches.forEach((name, settings) -> {
            if (settings.warmRestart() == null) {
                return;
            }
            Path file = settings.warmRestart().toPath().toAbsolutePath().normalize();
            String owner = owners.putIfAbsent(file, name);
            if (owner != null) {
                throw new InvalidSettingException("caches." + name + ".warmRestart.file", "cache '" + owner
                        + "' saves to " + file + " already; each cache needs a file of its own");
            }
        });
    }
}
