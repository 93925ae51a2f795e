package dev.docstore.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The durations of the file: ISO-8601 ({@code PT10M}, {@code PT30S}, {@code P1D}), positive to the millisecond. */
final class IsoDurations {
    private IsoDurations() {
    }

    /**
     * Parses the value of {@code key}.
     *
     * @throws InvalidSettingException naming {@code key} if {@code text} is no ISO-8601 duration or is shorter than a
     *                                 millisecond
     */
    static Duration parsePositive(String key, String text) {
        Duration parsed;
        try {
            parsed = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(key, "'" + text + "' is not an ISO-8601 duration "
                    + "(expected like PT10M, PT30S or P1D)");
        }
        if (parsed.isNegative() || parsed.isZero() || parsed.toMillis() == 0) {
            throw new InvalidSettingException(key, "'" + text + "' is not a positive duration of at least "
                    + "a millisecond");
        }
        return parsed;
    }
}
