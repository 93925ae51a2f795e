package dev.docstore.jcache;

import org.jspecify.annotations.Nullable;

/**
 * The built-in {@link Weigher}: weighs an entry by the estimated heap bytes of its key and its value, so that
 * {@code setMaximumWeight(64L << 20, new EstimatedBytesWeigher<>())} bounds a cache to about 64 MB of keys and values.
 * In a configuration file it is {@code weigher: estimated-bytes}. The management beans' estimated bytes of a cache
 * use the same estimate of each entry.
 *
 * <p><b>The model</b> is 64-bit HotSpot with compressed oops and compressed class pointers, the default for heaps
 * under 32 GB: an object header takes 12 bytes, an array header 16 (the header and a 4-byte length), a reference 4,
 * and every object is rounded up to a multiple of 8 bytes. An object's own size is its header plus its instance
 * fields (those of its class and its superclasses, a primitive at its width, anything else as a reference), rounded
 * up; it is worked out once per class from the declared fields. On top of that:
 * <ul>
 *   <li>a {@code String}: its own size and its {@code byte[]}, one byte per character when every character is at
 *       most U+00FF (a compact, Latin-1 string), else two (UTF-16);</li>
 *   <li>a boxed number, {@code Character}, {@code UUID}, {@code Instant}, {@code LocalDate}, {@code LocalTime},
 *       {@code Duration}, {@code Period}, a zone and other values of the JDK: their own size (the estimate cannot
 *       look inside the JDK's classes, and these hold nothing else, or only shared parts);
 *       {@code LocalDateTime}, {@code OffsetDateTime}, {@code ZonedDateTime} and {@code OffsetTime} add the date,
 *       time and offset objects they hold;</li>
 *   <li>a {@code BigInteger}: its own size and its {@code int[]} magnitude (32 bits of the absolute value an int);
 *       a {@code BigDecimal}: its own size, and a {@code BigInteger} when its unscaled value does not fit in a
 *       {@code long};</li>
 *   <li>{@code Boolean} and enum constants: nothing beyond the reference to them, as the JVM shares them;</li>
 *   <li>a document ({@code Map} frozen by docstore): its map as docstore builds it (the frozen map, an
 *       unmodifiable view over a {@code LinkedHashMap} whose table never resizes, one {@code LinkedHashMap} entry
 *       per field) plus its keys and values; any other {@code Map}: its own size, the bucket table a
 *       {@code HashMap} filled one entry at a time would have, one {@code HashMap} node per entry (a
 *       {@code LinkedHashMap} entry for a {@code LinkedHashMap}), plus keys and values;</li>
 *   <li>a {@code List} or other {@code Collection}: its own size and an array of one reference per element, plus the
 *       elements; an array: its header and slots, plus the elements of an array of objects;</li>
 *   <li>a plain object or record: its own size, plus the values of its reference-typed properties as docstore's
 *       indexes see them (getters, public fields, record components, Jackson annotations honoured).</li>
 * </ul>
 *
 * <p><b>Limits.</b> An estimate, not an accounting. An object reached twice is counted at each reference (so shared
 * sub-objects, and strings the JVM interns, are counted more than once); a cycle is counted once, the object that
 * closes it as its reference only; deeper than {@value HeapEstimate#MAX_DEPTH} levels an object is counted by its own
 * size. Spare capacity is not seen (an {@code ArrayList} with room for more, a {@code HashMap} that shrank), nor
 * fields of a plain object that are not properties, nor a {@code HashSet}'s inner map; a property a getter computes
 * is counted as if held. Other JVM settings (no compressed oops over 32 GB, larger alignment) make real objects
 * bigger. The store's own records of an entry (its version, its map node, its index entries) are not the entry's
 * weight: a bound is on keys and values.
 *
 * <p>Fast enough for every write of a bounded cache: class shapes are resolved once per class and property readers
 * are method handles, so an estimate does no reflection lookup; it walks the key and value once, reading each
 * character of a string. Stateless and thread-safe; every instance equals every other, so configurations holding one
 * compare equal.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EstimatedBytesWeigher<K, V> implements Weigher<K, V> {
    private static final long serialVersionUID = 1L;

    /** The built-in weigher; also created by the configuration file, by name or by class. */
    public EstimatedBytesWeigher() {
    }

    /**
     * The estimated heap bytes of {@code key} and {@code value} and everything they hold, after the model above.
     *
     * @throws IllegalStateException if a property getter of a plain object throws a checked exception (an unchecked
     *                               one propagates as it is)
     */
    @Override
    public long weigh(K key, V value) {
        return HeapEstimate.of(key) + HeapEstimate.of(value);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EstimatedBytesWeigher<?, ?>;
    }

    @Override
    public int hashCode() {
        return EstimatedBytesWeigher.class.hashCode();
    }

    @Override
    public String toString() {
        return "estimated-bytes";
    }
}
