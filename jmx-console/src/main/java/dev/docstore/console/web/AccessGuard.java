package dev.docstore.console.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Who may use the console. A random access token, printed at start, is required on every request: the first visit
 * with {@code ?token=} trades it for an HttpOnly, SameSite=Strict cookie (and a redirect that drops it from the
 * address bar); scripts may send {@code Authorization: Bearer <token>} instead. Every request that is not a GET or
 * HEAD must also carry the CSRF token (header {@code X-CSRF-Token}), which only a page of the console can read, and
 * must not come from another origin; so must a guarded read, the export, which has the target write its whole cache to a
 * file (no link or image on another page should be able to start that). Every request must name one of the console's own names (see {@link HostNames})
 * in its {@code Host} header, which stops DNS-rebinding pages; an {@code Origin}, when a change carries one, must be
 * one of those names too. Tokens are compared in constant time.
 *
 * <p>Thread-safe: immutable.
 */
final class AccessGuard {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a request may do. */
    enum Verdict {
        /** Authenticated, and (for a state-changing method) with a valid CSRF token. */
        ALLOWED,
        /** Carried a valid {@code ?token=}: set the cookie and redirect. */
        SIGN_IN,
        /** No valid token: 401. */
        UNAUTHENTICATED,
        /** Authenticated but a state-changing request without a valid CSRF token or from another origin: 403. */
        FORGED,
        /** A {@code Host} the console does not answer to: 421. */
        WRONG_HOST
    }

    private final String token;
    private final String csrfToken;
    private final String cookieName;
    private final Set<String> hosts;

    /** @param hosts the names accepted, as {@link HostNames#accepted} gives them */
    AccessGuard(int port, Set<String> hosts) {
        this(randomToken(), randomToken(), port, hosts);
    }

    AccessGuard(String token, String csrfToken, int port, Set<String> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a console must answer to at least one host name");
        }
        this.token = token;
        this.csrfToken = csrfToken;
        // the port keeps two consoles on one host from overwriting each other's cookie
        this.cookieName = "docstore_console_" + port;
        // in the order given: the console lists them when it warns that it listens beyond loopback
        this.hosts = Collections.unmodifiableSet(new LinkedHashSet<>(hosts));
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String token() {
        return token;
    }

    String csrfToken() {
        return csrfToken;
    }

    /** The names this guard accepts in {@code Host} and {@code Origin}. */
    Set<String> hosts() {
        return hosts;
    }

    /**
     * @param method       the request's method
     * @param headers      the request's headers
     * @param offeredToken the {@code token} query parameter, or null
     */
    Verdict check(String method, HttpFields headers, String offeredToken) {
        return check(method, headers, offeredToken, false);
    }

    /**
     * As {@link #check(String, HttpFields, String)}; a {@code guardedRead} (a GET that hands out a whole cache, the
     * export) is checked as a change is: it needs the CSRF token too, and a {@code ?token=} does not sign in on it.
     */
    Verdict check(String method, HttpFields headers, String offeredToken, boolean guardedRead) {
        if (!accepts(HostNames.authority(headers.get(HttpHeader.HOST)))) {
            return Verdict.WRONG_HOST;
        }
        boolean reading = ("GET".equals(method) || "HEAD".equals(method)) && !guardedRead;
        if (offeredToken != null && reading && matches(offeredToken, token)) {
            return Verdict.SIGN_IN;
        }
        if (!matches(cookie(headers), token) && !matches(bearer(headers), token)) {
            return Verdict.UNAUTHENTICATED;
        }
        if (reading) {
            return Verdict.ALLOWED;
        }
        String origin = headers.get(HttpHeader.ORIGIN);
        if (origin != null && !accepts(HostNames.originAuthority(origin))) {
            return Verdict.FORGED;
        }
        return matches(headers.get(CSRF_HEADER), csrfToken) ? Verdict.ALLOWED : Verdict.FORGED;
    }

    private boolean accepts(String authority) {
        return authority != null && hosts.contains(authority);
    }

    /** The {@code Set-Cookie} value that signs a browser in. */
    String signInCookie() {
        return cookieName + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    private String cookie(HttpFields headers) {
        for (String header : headers.getValuesList(HttpHeader.COOKIE)) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith(cookieName + "=")) {
                    return trimmed.substring(cookieName.length() + 1);
                }
            }
        }
        return null;
    }

    private static String bearer(HttpFields headers) {
        String authorization = headers.get(HttpHeader.AUTHORIZATION);
        return authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim() : null;
    }

    /** Constant-time comparison, so response times say nothing about how much of a guess was right. */
    static boolean matches(String offered, String expected) {
        if (offered == null) {
            return false;
        }
        return MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
