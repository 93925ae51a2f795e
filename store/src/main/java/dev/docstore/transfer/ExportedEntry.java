package dev.docstore.transfer;

/**
 * One document line of an import file, read and checked against the cache's types.
 *
 * @param line     its line number, from 1
 * @param key      the key, of the cache's key type
 * @param value    the value, of the cache's value type
 * @param version  the version it had in the exporting cache (0 when the line has none)
 * @param created  when it was created, in epoch milliseconds, or 0 when the file does not say
 * @param modified when it was last modified, in epoch milliseconds, or 0 when the file does not say
 * @param expires  when it expires, in epoch milliseconds, or {@link Long#MAX_VALUE} for never
 */
public record ExportedEntry(long line, Object key, Object value, long version, long created, long modified,
                            long expires) {
    /** No expiry time. */
    public static final long NEVER = Long.MAX_VALUE;
}
