package dev.docstore.index;

/** String helpers for prefix ranges, in code point order. */
final class Strings {
    private Strings() {
    }

    /**
     * The smallest string greater than every string that starts with {@code prefix}, or {@code null} when there is
     * none (the prefix is empty or all U+10FFFF). Increments the last code point that can be incremented, skipping
     * the surrogate range, and drops what follows it.
     */
    static String successorOfPrefix(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                int next = last + 1;
                if (next == Character.MIN_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1;
                }
                return prefix.substring(0, start) + new String(Character.toChars(next));
            }
            end = start;
        }
        return null;
    }
}
