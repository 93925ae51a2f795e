package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reading the cause chain of a failed build or start. */
final class Failures {
    private Failures() {
    }

    /** The messages of {@code failure} and its causes, outermost first. */
    static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }

    /**
     * Checks that a build or start failed for a {@code type} somewhere in the cause chain whose message starts with
     * {@code start} and contains each of {@code fragments}.
     */
    static Consumer<Throwable> causedBy(Class<? extends Throwable> type, String start, String... fragments) {
        return failure -> {
            Throwable cause = find(failure, type);
            assertThat(cause).as("a %s in %s", type.getSimpleName(), failure).isNotNull();
            assertThat(cause.getMessage()).startsWith(start).contains(fragments);
        };
    }

    /**
     * The first of {@code failure} and its causes whose class is {@code type}, or null. By name: the application's
     * classes, its exceptions too, come from Quarkus's class loader, not the test's.
     */
    static Throwable find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(type.getName())) {
                return t;
            }
        }
        return null;
    }
}
