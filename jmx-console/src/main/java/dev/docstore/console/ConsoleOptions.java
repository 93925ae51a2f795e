package dev.docstore.console;

import dev.docstore.console.web.ServerLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's command line, parsed. Passwords are never taken as arguments (other users can see a process's
 * arguments): {@code --password-file} or the {@code DOCSTORE_JMX_PASSWORD} environment variable give one.
 *
 * @param bind             the address to listen on (127.0.0.1 unless told otherwise)
 * @param port             the port (0: a free one)
 * @param hosts            names besides its address that the console answers to, {@code NAME} or {@code NAME:PORT}
 * @param demo             start the embedded demo and connect to it
 * @param orders           the demo's number of orders
 * @param rate             the demo workload's operations per second (0: none)
 * @param url              a JMX service URL to connect to, or null
 * @param user             the JMX user, or null
 * @param password         the JMX password, or null
 * @param pid              a local process id to attach to, or 0
 * @param sampleInterval   how often statistics are sampled
 * @param maxUploadBytes   the largest file the console's Import takes
 */
public record ConsoleOptions(InetAddress bind, int port, List<String> hosts, boolean demo, int orders, int rate, String url,
        String user, char[] password, long pid, Duration sampleInterval, long maxUploadBytes) {

    static final String USAGE = """
            usage: java -jar jmx-console.jar [options]
              --demo                 start an embedded docstore with sample orders and a workload, and show it
              --orders N             orders in the demo (default 200000)
              --rate N               demo operations per second (default 2000; 0 for none)
              --url SERVICE_URL      connect to a JVM by JMX service URL,
                                     e.g. service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi
              --user NAME            JMX user; the password comes from --password-file FILE
                                     or the DOCSTORE_JMX_PASSWORD environment variable
              --pid PID              attach to a local JVM by process id (starts its management agent if needed)
              --bind ADDRESS         address to listen on (default 127.0.0.1)
              --port N               port to listen on (default 0: a free port)
              --host NAME[:PORT]     a name the console answers to besides its address, as browsers will
                                     reach it (repeatable); requests naming any other host are refused.
                                     On 127.0.0.1 it answers to localhost, 127.0.0.1 and [::1]; with
                                     --bind ADDRESS, to that address; the port is the console's unless given
              --sample-interval MS   statistics sampling interval in milliseconds (default 1000)
              --max-upload-mb N      the largest file the console's Import takes, in MiB (default 256)
              --help                 this text
            Without --demo, --url or --pid the console starts unconnected: pick a JVM on its Connect page.
            For scripts, 'java -jar jmx-console.jar export --help' and 'import --help' move a cache's export.""";

    private static final Pattern HOST = Pattern.compile(
            "(\\[[0-9a-f:.]+]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::([0-9]{1,5}))?");

    /** A command line the console cannot run with: the message says what is wrong. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parses {@code args}; {@code environment} supplies {@code DOCSTORE_JMX_PASSWORD}. */
    public static ConsoleOptions parse(String[] args, Map<String, String> environment) {
        InetAddress bind = loopback();
        int port = 0;
        List<String> hosts = new ArrayList<>();
        boolean demo = false;
        int orders = 200_000;
        int rate = 2_000;
        String url = null;
        String user = null;
        char[] password = null;
        long pid = 0;
        long sampleMillis = 1_000;
        long maxUploadBytes = ServerLimits.DEFAULT_MAX_UPLOAD_BYTES;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--demo" -> demo = true;
                case "--orders" -> orders = (int) number(option, value(args, ++i, option), 1, 10_000_000);
                case "--rate" -> rate = (int) number(option, value(args, ++i, option), 0, 1_000_000);
                case "--url" -> url = value(args, ++i, option);
                case "--user" -> user = value(args, ++i, option);
                case "--password-file" -> password = readPassword(value(args, ++i, option));
                case "--pid" -> pid = number(option, value(args, ++i, option), 1, Long.MAX_VALUE);
                case "--bind" -> bind = address(value(args, ++i, option));
                case "--port" -> port = (int) number(option, value(args, ++i, option), 0, 65_535);
                case "--host" -> hosts.add(hostName(value(args, ++i, option)));
                case "--sample-interval" -> sampleMillis = number(option, value(args, ++i, option), 50, 60_000);
                case "--max-upload-mb" -> maxUploadBytes = number(option, value(args, ++i, option), 1, 1 << 20) << 20;
                case "--help", "-h" -> throw new UsageException("");
                default -> throw new UsageException("unknown option " + option);
            }
        }
        int targets = (demo ? 1 : 0) + (url != null ? 1 : 0) + (pid != 0 ? 1 : 0);
        if (targets > 1) {
            throw new UsageException("choose one of --demo, --url and --pid");
        }
        if (user != null && url == null) {
            throw new UsageException("--user goes with --url");
        }
        if (user != null && password == null) {
            String fromEnvironment = environment.get("DOCSTORE_JMX_PASSWORD");
            if (fromEnvironment == null) {
                throw new UsageException("--user needs a password: --password-file FILE or DOCSTORE_JMX_PASSWORD");
            }
            password = fromEnvironment.toCharArray();
        }
        return new ConsoleOptions(bind, port, List.copyOf(hosts), demo, orders, rate, url, user, password, pid,
                Duration.ofMillis(sampleMillis), maxUploadBytes);
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress().getHostAddress().contains(":") ? address("127.0.0.1")
                : InetAddress.getLoopbackAddress();
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String option, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, was '" + text + "'");
        }
        if (value < min || value > max) {
            throw new UsageException(option + " must be from " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: unknown address '" + text + "'");
        }
    }

    /** {@code NAME} or {@code NAME:PORT}: a DNS name, an IPv4 address or a bracketed IPv6 one, lower case. */
    private static String hostName(String text) {
        Matcher matcher = HOST.matcher(text.toLowerCase(Locale.ROOT));
        if (!matcher.matches() || matcher.group(2) != null && (Integer.parseInt(matcher.group(2)) < 1
                || Integer.parseInt(matcher.group(2)) > 65_535)) {
            throw new UsageException("--host needs NAME or NAME:PORT (a port from 1 to 65535), was '" + text + "'");
        }
        return matcher.group();
    }

    static char[] readPassword(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new UsageException("--password-file: cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    /** The options as text fit for a log: the password is never shown. */
    @Override
    public String toString() {
        return "ConsoleOptions[bind=" + bind.getHostAddress() + ", port=" + port + ", hosts=" + hosts + ", demo=" + demo + ", orders="
                + orders + ", rate=" + rate + ", url=" + url + ", user=" + user + ", password="
                + (password == null ? "none" : "(hidden)") + ", pid=" + pid + ", sampleInterval=" + sampleInterval
                + ", maxUploadBytes=" + maxUploadBytes
                + "]";
    }
}
