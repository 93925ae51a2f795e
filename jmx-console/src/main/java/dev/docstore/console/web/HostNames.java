package dev.docstore.console.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names the console answers to, each as {@code host:port} in lower case (an IPv6 literal in brackets and in
 * Java's spelling, so that any spelling a request uses compares equal): a request's {@code Host} header, and a
 * change's {@code Origin}, must name one of them. Checking the name stops a page of another site from reaching the
 * console through DNS rebinding (its requests carry that site's name), wherever the console listens.
 *
 * <p>On a loopback or wildcard address the console answers to {@code localhost}, {@code 127.0.0.1} and {@code [::1]};
 * on a specific address, to that address's literal; and always to the names given with {@code --host}, which take
 * the console's port unless they give their own (for a port that is forwarded to the console's).
 *
 * <p>Thread-safe: stateless.
 */
final class HostNames {
    private static final int HTTP_PORT = 80;

    private HostNames() {
    }

    /**
     * The names a console listening on {@code bind} at {@code port} answers to.
     *
     * @param extra names given on the command line, {@code NAME} or {@code NAME:PORT}
     */
    static Set<String> accepted(InetAddress bind, int port, List<String> extra) {
        List<String> given = new ArrayList<>();
        if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
            given.addAll(List.of("localhost", "127.0.0.1", "[::1]"));
        }
        if (!bind.isAnyLocalAddress()) {
            given.add(literal(bind));
        }
        given.addAll(extra);
        Set<String> names = new LinkedHashSet<>();
        for (String name : given) {
            String authority = authority(name, port);
            if (authority == null) {
                throw new IllegalArgumentException("not a host name with an optional port: '" + name + "'");
            }
            names.add(authority);
        }
        return names;
    }

    /** An address as it stands in a URL: an IPv6 literal in brackets, lower case. */
    static String literal(InetAddress address) {
        String text = address.getHostAddress();
        return (text.contains(":") ? "[" + text + "]" : text).toLowerCase(Locale.ROOT);
    }

    /**
     * A {@code Host} header value as {@code host:port}, lower case, with HTTP's port 80 when it names none; null if
     * it is not a host with an optional port.
     */
    static String authority(String host) {
        return host == null ? null : authority(host, HTTP_PORT);
    }

    private static String authority(String text, int defaultPort) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        boolean bracketed = value.startsWith("[");
        String name;
        String port;
        if (bracketed) {
            int close = value.indexOf(']');
            if (close < 0) {
                return null;
            }
            name = value.substring(0, close + 1);
            port = close == value.length() - 1 ? null : value.startsWith(":", close + 1)
                    ? value.substring(close + 2) : "";
        } else {
            name = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
        }
        if (name.isEmpty() || !name.matches("\\[[0-9a-f:.]+]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            return null;
        }
        if (bracketed) {
            // one IPv6 address has many spellings ("::1", "0:0:0:0:0:0:0:1"): compare one of them
            try {
                name = literal(InetAddress.getByName(name));
            } catch (UnknownHostException e) {
                return null;
            }
        }
        if (port == null) {
            return name + ":" + defaultPort;
        }
        return port.matches("[0-9]{1,5}") && Integer.parseInt(port) <= 65_535 && Integer.parseInt(port) > 0
                ? name + ":" + Integer.parseInt(port) : null;
    }

    /** The {@code host:port} of an {@code Origin} header, or null if it is not an {@code http://} origin. */
    static String originAuthority(String origin) {
        try {
            URI uri = URI.create(origin);
            if (!"http".equals(uri.getScheme()) || uri.getRawAuthority() == null || uri.getRawPath() != null
                    && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                return null;
            }
            return authority(uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
