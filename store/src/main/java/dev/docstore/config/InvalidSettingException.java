package dev.docstore.config;

/**
 * Thrown by the model's constructors for a value Jackson bound but docstore refuses; {@code key} is the offending
 * key relative to the object being built, so the reader can report the full path.
 */
final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    String key() {
        return key;
    }
}
