package dev.docstore.config;

import dev.docstore.index.EmptyIndexException;
import dev.docstore.index.IndexDefinition;
import java.util.List;

/**
 * One entry of a cache's {@code indexes}: checked when read, so a bad path fails naming its place in the file.
 *
 * @param name   the index name (required)
 * @param paths  the field paths, at least one ({@code address.city}, {@code tags[]})
 * @param unique whether two keys may not share a tuple (default false)
 */
public record IndexSettings(String name, List<String> paths, Boolean unique) {
    public IndexSettings {
        if (name == null || name.isBlank()) {
            throw new InvalidSettingException("name", "an index needs a name");
        }
        if (paths == null || paths.isEmpty()) {
            throw new InvalidSettingException("paths", "index '" + name + "' needs at least one path");
        }
        if (paths.stream().anyMatch(path -> path == null)) {
            throw new InvalidSettingException("paths", "index '" + name + "' has a null path");
        }
        paths = List.copyOf(paths);
        unique = unique != null && unique;
        definition(name, paths, unique);
    }

    /** The index this entry describes. */
    public IndexDefinition definition() {
        return definition(name, paths, unique);
    }

    private static IndexDefinition definition(String name, List<String> paths, boolean unique) {
        try {
            return IndexDefinition.of(name, paths, unique);
        } catch (IllegalArgumentException | EmptyIndexException e) {
            throw new InvalidSettingException("paths", e.getMessage());
        }
    }
}
