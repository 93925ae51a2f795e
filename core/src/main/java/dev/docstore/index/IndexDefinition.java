package dev.docstore.index;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an index is: a name, one or more field paths (a composite index orders by the first, then the second...), and
 * whether it is unique. Immutable.
 *
 * @param name   the index name, unique within a store
 * @param paths  the field paths, at least one; at most one of them may fan out over a list ({@code tags[]})
 * @param unique whether two different keys may not share a tuple
 */
public record IndexDefinition(String name, List<FieldPath> paths, boolean unique) implements Serializable {
    /**
     * @throws NullPointerException     for a null name, paths or path, with a message naming it
     * @throws IllegalArgumentException for a blank name, a repeated path, or more than one list path
     * @throws EmptyIndexException      when no path is given
     */
    public IndexDefinition {
        Objects.requireNonNull(name, "index name must not be null");
        Objects.requireNonNull(paths, "paths must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("index name must not be blank");
        }
        if (paths.isEmpty()) {
            throw new EmptyIndexException(name);
        }
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i) == null) {
                throw new NullPointerException("path " + (i + 1) + " of index '" + name + "' is null");
            }
        }
        paths = List.copyOf(paths);
        Set<FieldPath> seen = new HashSet<>();
        int multiValued = 0;
        for (FieldPath path : paths) {
            if (!seen.add(path)) {
                throw new IllegalArgumentException("index '" + name + "' lists path '" + path + "' twice");
            }
            if (path.isMultiValued()) {
                multiValued++;
            }
        }
        if (multiValued > 1) {
            throw new IllegalArgumentException("index '" + name + "' has " + multiValued
                    + " list paths ([]); at most one is allowed");
        }
    }

    /** A non-unique index on the given paths. */
    public static IndexDefinition of(String name, String... paths) {
        Objects.requireNonNull(paths, "paths must not be null");
        return of(name, Arrays.asList(paths), false);
    }

    /** An index on the given paths, each parsed as {@link FieldPath#parse} does (what configuration files give). */
    public static IndexDefinition of(String name, List<String> paths, boolean unique) {
        Objects.requireNonNull(name, "index name must not be null");
        Objects.requireNonNull(paths, "paths must not be null");
        List<FieldPath> parsed = new ArrayList<>(paths.size());
        for (String path : paths) {
            parsed.add(path == null ? null : FieldPath.parse(path));
        }
        return new IndexDefinition(name, parsed, unique);
    }

    /** The same index, unique. */
    public IndexDefinition asUnique() {
        return new IndexDefinition(name, paths, true);
    }

    /** The number of fields in each tuple. */
    public int arity() {
        return paths.size();
    }

    /** Whether one value may have several tuples (one per list element). */
    public boolean isMultiValued() {
        // a loop, not a stream: asked on every index update of every write
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).isMultiValued()) {
                return true;
            }
        }
        return false;
    }

    /** The paths as written. */
    public List<String> pathNames() {
        return paths.stream().map(FieldPath::toString).toList();
    }
}
