package dev.docstore.management;

/**
 * One chunked transfer between a JMX client and a cache, backed by a private temporary file on the cache's machine:
 * an {@link ExportSession} or an {@link ImportSession}. {@link TransferSessions} keeps them by id.
 */
interface TransferSession {
    /** The session's id, as {@link TransferSessions} gave it. */
    String id();

    /** Ends the session and deletes its file; idempotent, and safe while another thread still uses it. */
    void close();

    /** What the session is, for messages: {@code "export"} or {@code "import"}. */
    String kind();
}
