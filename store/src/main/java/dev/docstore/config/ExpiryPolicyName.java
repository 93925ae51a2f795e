package dev.docstore.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The expiry policies of JSR-107, as written in a configuration file. */
public enum ExpiryPolicyName {
    @JsonProperty("eternal") ETERNAL,
    @JsonProperty("created") CREATED,
    @JsonProperty("accessed") ACCESSED,
    @JsonProperty("modified") MODIFIED,
    @JsonProperty("touched") TOUCHED;

    /** The name as written in the file. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
