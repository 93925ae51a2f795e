package dev.docstore.transfer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to import a file: the {@link ImportMode}, and which classes named in the file may be instantiated.
 *
 * <p>Why classes need naming: a file records the class of a value that is neither a document nor of the cache's
 * declared value type (a record stored in a cache of {@code Object}), and reading it back means instantiating that
 * class with Jackson. A file from elsewhere must not choose what gets instantiated, so by default only the cache's
 * declared key and value types and their subtypes are accepted (and for a cache declared with {@code Object}, none);
 * {@link #allowing} adds classes, and {@link #trustingClassNames()} accepts whatever the file names (for files the
 * application wrote itself, as a warm restart does).
 *
 * <p>Immutable.
 */
public final class ImportOptions {
    private final ImportMode mode;
    private final Set<Class<?>> allowed;
    private final boolean trustClassNames;

    private ImportOptions(ImportMode mode, Set<Class<?>> allowed, boolean trustClassNames) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.allowed = Set.copyOf(allowed);
        this.trustClassNames = trustClassNames;
    }

    /** Every line checked before any is applied; one bad line refuses the file. */
    public static ImportOptions allOrNothing() {
        return of(ImportMode.ALL_OR_NOTHING);
    }

    /** Bad lines left out and reported; the rest applied. */
    public static ImportOptions skipAndReport() {
        return of(ImportMode.SKIP_AND_REPORT);
    }

    /** Options with {@code mode} and no extra classes. */
    public static ImportOptions of(ImportMode mode) {
        return new ImportOptions(mode, Set.of(), false);
    }

    /** These options, also accepting values of {@code classes} (and their subtypes) where the file names them. */
    public ImportOptions allowing(Class<?>... classes) {
        Set<Class<?>> more = new HashSet<>(allowed);
        Arrays.stream(classes).map(type -> Objects.requireNonNull(type, "a class")).forEach(more::add);
        return new ImportOptions(mode, more, trustClassNames);
    }

    /** These options, accepting any class the file names: only for files the application wrote itself. */
    public ImportOptions trustingClassNames() {
        return new ImportOptions(mode, allowed, true);
    }

    public ImportMode mode() {
        return mode;
    }

    /** Whether a value of {@code type}, named by the file, may be instantiated besides the declared types. */
    public boolean allows(Class<?> type) {
        return trustClassNames || allowed.stream().anyMatch(allowedType -> allowedType.isAssignableFrom(type));
    }

    @Override
    public String toString() {
        return "ImportOptions[" + mode + (trustClassNames ? ", trusting class names" : allowed.isEmpty() ? ""
                : ", allowing " + allowed) + "]";
    }
}
