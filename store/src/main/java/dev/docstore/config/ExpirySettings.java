package dev.docstore.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * The {@code expiry} of a cache: which JCache policy, and its duration as ISO-8601 ({@code PT10M}, {@code PT30S},
 * {@code P1D}). {@code eternal} takes no duration; every other policy needs a positive one.
 *
 * @param policy   the policy (default {@code eternal})
 * @param duration the duration as written, ISO-8601
 */
public record ExpirySettings(ExpiryPolicyName policy, String duration) {
    /** Eternal: entries never expire. */
    public static final ExpirySettings ETERNAL = new ExpirySettings(ExpiryPolicyName.ETERNAL, null);

    public ExpirySettings {
        policy = policy == null ? ExpiryPolicyName.ETERNAL : policy;
        if (policy == ExpiryPolicyName.ETERNAL && duration != null) {
            throw new InvalidSettingException("duration", "an eternal policy takes no duration");
        }
        if (policy != ExpiryPolicyName.ETERNAL) {
            parse(duration);
        }
    }

    /** The JCache factory for this policy. */
    public Factory<? extends ExpiryPolicy> factory() {
        if (policy == ExpiryPolicyName.ETERNAL) {
            return EternalExpiryPolicy.factoryOf();
        }
        javax.cache.expiry.Duration length =
                new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, parse(duration).toMillis());
        return switch (policy) {
            case CREATED -> CreatedExpiryPolicy.factoryOf(length);
            case ACCESSED -> AccessedExpiryPolicy.factoryOf(length);
            case MODIFIED -> ModifiedExpiryPolicy.factoryOf(length);
            case TOUCHED -> TouchedExpiryPolicy.factoryOf(length);
            case ETERNAL -> throw new AssertionError("handled above");
        };
    }

    private Duration parse(String text) {
        if (text == null) {
            throw new InvalidSettingException("duration", "policy '" + policy.key() + "' needs a duration "
                    + "(ISO-8601, like PT10M)");
        }
        return IsoDurations.parsePositive("duration", text);
    }
}
