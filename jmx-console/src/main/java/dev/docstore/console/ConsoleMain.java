package dev.docstore.console;

import dev.docstore.console.demo.Demo;
import dev.docstore.console.jmx.OperationFailedException;
import dev.docstore.console.jmx.TargetUnavailableException;
import dev.docstore.console.web.ConsoleServer;
import dev.docstore.console.web.ServerLimits;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar jmx-console.jar [options]}: parses the options, connects (or starts the demo), serves the console
 * and prints its URL with the access token; runs until the process is stopped. {@code export ...} and
 * {@code import ...} run a {@link TransferCommand} instead and exit with its status.
 */
public final class ConsoleMain {
    private ConsoleMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && TransferCommand.isCommand(args[0])) {
            System.exit(TransferCommand.run(args, System.getenv(), System.out, System.err));
            return;
        }
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(args, System.getenv());
        } catch (ConsoleOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("jmx-console: " + e.getMessage());
            }
            System.err.println(ConsoleOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        Running running;
        try {
            running = start(options, System.out, System.err);
        } catch (UncheckedIOException e) {
            System.err.println("jmx-console: " + e.getMessage() + ": " + e.getCause().getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "docstore-console-shutdown"));
        new CountDownLatch(1).await();
    }

    /** A started console: its server, its state and the demo if there is one. */
    public record Running(ConsoleServer server, Console console, Demo demo) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            console.close();
            if (demo != null) {
                demo.close();
            }
        }
    }

    /** Starts what {@code options} say and prints where to open the console. */
    public static Running start(ConsoleOptions options, PrintStream out, PrintStream err) {
        Demo demo = null;
        if (options.demo()) {
            out.printf("starting the demo: %,d orders, about %,d operations per second%n", options.orders(),
                    options.rate());
            long began = System.nanoTime();
            demo = Demo.start(options.orders(), options.rate(), 2);
            out.printf("demo ready in %.1f s: caches 'orders' and 'customers' of manager %s%n",
                    (System.nanoTime() - began) / 1e9, Demo.MANAGER);
        }
        Console console = new Console(options.sampleInterval(), System::currentTimeMillis);
        try {
            if (demo != null) {
                console.useThisJvm("this JVM (the demo)");
            } else if (options.url() != null) {
                console.connect(options.url(), options.user(), options.password());
            } else if (options.pid() != 0) {
                console.attach(options.pid());
            }
        } catch (TargetUnavailableException | OperationFailedException e) {
            err.println("jmx-console: " + e.getMessage() + " (the console starts unconnected)");
        } finally {
            if (options.password() != null) {
                Arrays.fill(options.password(), '\0');
            }
        }
        ConsoleServer server;
        try {
            server = ConsoleServer.start(console, options.bind(), options.port(), options.hosts(),
                    ServerLimits.DEFAULT.withMaxUploadBytes(options.maxUploadBytes()));
        } catch (RuntimeException e) {
            // a port in use, say: what was started for the console must not outlive it
            console.close();
            if (demo != null) {
                demo.close();
            }
            throw e;
        }
        if (!options.bind().isLoopbackAddress()) {
            err.println("jmx-console: WARNING: listening on " + options.bind().getHostAddress()
                    + ", beyond this machine; anyone who can reach it and learns the token can manage your caches."
                    + " Traffic is plain HTTP. It answers to " + String.join(", ", server.hostNames())
                    + " (add the names browsers use with --host NAME[:PORT]).");
        }
        out.println("docstore console: " + server.url());
        return new Running(server, console, demo);
    }
}
