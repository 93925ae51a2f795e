package dev.docstore.console;

import dev.docstore.console.jmx.CacheBrowser;
import dev.docstore.console.jmx.CacheRef;
import dev.docstore.console.jmx.JmxTarget;
import dev.docstore.console.jmx.OperationFailedException;
import dev.docstore.console.jmx.TargetUnavailableException;
import dev.docstore.console.jmx.TransferClient;
import dev.docstore.transfer.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The console jar's commands for scripts: {@code export} writes a cache's export to a file on the machine that runs
 * the command, {@code import} sends a file from it to a cache; both through the cache bean's chunked transfers
 * ({@link TransferClient}), so the file never has to be on the cache's machine, and neither side holds it whole.
 * The export file is replaced atomically: a failed export leaves the previous file as it was.
 *
 * <p>Exit status: 0 when done, 1 when the transfer failed (the message says why; a refused import names its first bad
 * line, and the cache is unchanged in all-or-nothing mode), 2 for a command line that cannot be run.
 */
public final class TransferCommand {
    static final String USAGE = """
            usage: java -jar jmx-console.jar export --jmx-url SERVICE_URL --cache NAME --out FILE [options]
                   java -jar jmx-console.jar import --jmx-url SERVICE_URL --cache NAME --in FILE [--mode MODE] [options]
              --jmx-url SERVICE_URL  the JVM that holds the cache,
                                     e.g. service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi
              --cache NAME           the cache (a docstore cache with management enabled)
              --manager URI          its cache manager's URI, needed when caches of several managers have that name
              --out FILE             export: the file to write on this machine (replaced atomically)
              --in FILE              import: the file to read on this machine
              --mode MODE            import: all-or-nothing (the default: one bad line refuses the file) or
                                     skip-and-report (bad lines are left out and listed)
              --user NAME            JMX user; the password comes from --password-file FILE
                                     or the DOCSTORE_JMX_PASSWORD environment variable
            Exit status: 0 done, 1 the transfer failed (the message says why), 2 a wrong command line.""";

    private record Command(boolean export, String url, String cache, String manager, Path file, String mode,
            String user, char[] password) {
    }

    private TransferCommand() {
    }

    /** Whether {@code firstArgument} names one of these commands rather than a console option. */
    public static boolean isCommand(String firstArgument) {
        return "export".equals(firstArgument) || "import".equals(firstArgument);
    }

    /** Runs the command {@code args} ({@code export ...} or {@code import ...}); returns the exit status. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = parse(args, environment);
        } catch (ConsoleOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                err.println("jmx-console: " + e.getMessage());
            }
            err.println(USAGE);
            return e.getMessage().isEmpty() ? 0 : 2;
        }
        String what = command.export() ? "export" : "import";
        JmxTarget target;
        try {
            target = JmxTarget.connect(command.url(), command.user(), command.password());
        } catch (OperationFailedException | TargetUnavailableException e) {
            err.println("jmx-console: " + what + " failed: " + e.getMessage());
            return 1;
        } finally {
            if (command.password() != null) {
                Arrays.fill(command.password(), '\0');
            }
        }
        try {
            CacheRef ref = resolve(target, command);
            TransferClient client = new TransferClient(target);
            if (command.export()) {
                export(client, ref, command.file(), out);
            } else {
                importFile(client, ref, command.file(), command.mode(), out);
            }
            return 0;
        } catch (OperationFailedException | TargetUnavailableException e) {
            err.println("jmx-console: " + what + " failed: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            err.println("jmx-console: " + what + " failed: " + fileProblem(e));
        } finally {
            target.close();
        }
        return 1;
    }

    private static void export(TransferClient client, CacheRef ref, Path file, PrintStream out) {
        try (TransferClient.Export export = client.beginExport(ref)) {
            AtomicFiles.write(file, export::copyTo);
            out.printf("exported %d documents (%d bytes) of cache '%s' to %s%n", export.documents(), export.bytes(),
                    ref.cache(), file);
        }
    }

    private static void importFile(TransferClient client, CacheRef ref, Path file, String mode, PrintStream out)
            throws IOException {
        Map<String, Object> report;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), TransferClient.CHUNK)) {
            report = client.importFrom(ref, in, mode);
        }
        List<?> skipped = (List<?>) report.get("skipped");
        out.printf("imported %s documents from %s into cache '%s' (%s expired and left out, %d line%s skipped,"
                + " indexes created: %s)%n", report.get("imported"), file, ref.cache(), report.get("expired"),
                skipped.size(), skipped.size() == 1 ? "" : "s", report.get("indexesCreated"));
        for (Object line : skipped) {
            Map<?, ?> problem = (Map<?, ?>) line;
            out.printf("skipped line %s: %s%n", problem.get("line"), problem.get("message"));
        }
    }

    private static String fileProblem(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        String message = e.getMessage();
        return cause instanceof NoSuchFileException missing ? "no file " + missing.getFile() : message;
    }

    /** The cache named on the command line: of the manager given, or of the one manager that has such a cache. */
    private static CacheRef resolve(JmxTarget target, Command command) {
        if (command.manager() != null) {
            return new CacheRef(command.manager(), command.cache());
        }
        List<CacheRef> named = new CacheBrowser(target).caches().stream()
                .filter(ref -> ref.cache().equals(command.cache())).toList();
        if (named.isEmpty()) {
            throw new OperationFailedException("no cache '" + command.cache() + "' is managed in "
                    + target.description());
        }
        if (named.size() > 1) {
            throw new OperationFailedException("caches of several managers are named '" + command.cache()
                    + "': choose one with --manager " + named.stream().map(CacheRef::manager).toList());
        }
        return named.get(0);
    }

    private static Command parse(String[] args, Map<String, String> environment) {
        boolean export = "export".equals(args[0]);
        String url = null;
        String cache = null;
        String manager = null;
        String out = null;
        String in = null;
        String mode = null;
        String user = null;
        char[] password = null;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--jmx-url", "--url" -> url = ConsoleOptions.value(args, ++i, option);
                case "--cache" -> cache = ConsoleOptions.value(args, ++i, option);
                case "--manager" -> manager = ConsoleOptions.value(args, ++i, option);
                case "--out" -> out = ConsoleOptions.value(args, ++i, option);
                case "--in" -> in = ConsoleOptions.value(args, ++i, option);
                case "--mode" -> mode = ConsoleOptions.value(args, ++i, option);
                case "--user" -> user = ConsoleOptions.value(args, ++i, option);
                case "--password-file" -> password = ConsoleOptions.readPassword(ConsoleOptions.value(args, ++i,
                        option));
                case "--help", "-h" -> throw new ConsoleOptions.UsageException("");
                default -> throw new ConsoleOptions.UsageException("unknown option " + option + " for " + args[0]);
            }
        }
        if (url == null || cache == null) {
            throw new ConsoleOptions.UsageException(args[0] + " needs --jmx-url and --cache");
        }
        if (export && (out == null || in != null || mode != null)) {
            throw new ConsoleOptions.UsageException("export needs --out FILE (and takes neither --in nor --mode)");
        }
        if (!export && (in == null || out != null)) {
            throw new ConsoleOptions.UsageException("import needs --in FILE (and takes no --out)");
        }
        if (!export) {
            try {
                mode = TransferClient.mode(mode == null ? "all-or-nothing" : mode);
            } catch (OperationFailedException e) {
                throw new ConsoleOptions.UsageException("--mode: " + e.getMessage());
            }
        }
        if (user != null && password == null) {
            String fromEnvironment = environment.get("DOCSTORE_JMX_PASSWORD");
            if (fromEnvironment == null) {
                throw new ConsoleOptions.UsageException("--user needs a password: --password-file FILE or"
                        + " DOCSTORE_JMX_PASSWORD");
            }
            password = fromEnvironment.toCharArray();
        }
        return new Command(export, url, cache, manager, Path.of(export ? out : in), mode, user, password);
    }
}
