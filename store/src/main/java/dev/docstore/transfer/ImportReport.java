package dev.docstore.transfer;

import java.util.List;
import java.util.Objects;

/**
 * What an import did.
 *
 * @param imported       how many documents it stored
 * @param expired        how many it left out because their expiry time had passed by the time of the import
 * @param skipped        the lines it left out in {@link ImportMode#SKIP_AND_REPORT} mode, with their reasons (empty
 *                       in all-or-nothing mode, which throws instead)
 * @param indexesCreated the indexes named in the file's header that the cache did not have, created by the import
 */
public record ImportReport(long imported, long expired, List<LineProblem> skipped, List<String> indexesCreated) {
    public ImportReport {
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
        indexesCreated = List.copyOf(Objects.requireNonNull(indexesCreated, "indexesCreated"));
    }
}
