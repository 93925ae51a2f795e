package dev.docstore.jcache;

/** The argument checks of the Cache API: a null is a {@link NullPointerException} naming it. Stateless. */
final class Arguments {
    private Arguments() {
    }

    static <T> T requireNonNull(T value, String what) {
        // not Objects.requireNonNull with a message supplier: its lambda was allocated on every call
        if (value == null) {
            throw new NullPointerException(what + " must not be null");
        }
        return value;
    }
}
