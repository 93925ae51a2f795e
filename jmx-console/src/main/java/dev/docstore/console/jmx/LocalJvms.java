package dev.docstore.console.jmx;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXServiceURL;

/**
 * The JVMs of this machine that the Attach API can reach (same user), and connections to them by process id.
 *
 * <p>Attaching starts nothing in the target by itself; {@link #attach} starts the target's local management agent
 * only if it is not running yet, since without it there is no JMX to talk to. Listing asks each JVM for its agent
 * properties and, where the agent is already running, whether it has docstore beans; a JVM that does not answer
 * within a few seconds is listed as such.
 *
 * <p>Thread-safe: stateless; each listing uses its own short-lived threads.
 */
public final class LocalJvms {
    /** The local connector address the JDK's management agent publishes in the agent properties. */
    private static final String CONNECTOR_ADDRESS = "com.sun.management.jmxremote.localConnectorAddress";
    private static final long ANSWER_SECONDS = 5;

    /**
     * A local JVM. {@code docstore} is {@code true} when its management agent runs and shows docstore beans,
     * {@code false} when the agent runs without them, and {@code null} when that cannot be told without starting
     * the agent (or the JVM did not answer).
     */
    public record Jvm(long pid, String name, boolean console, boolean agentRunning, Boolean docstore, String note) {
    }

    private LocalJvms() {
    }

    /** Lists the local JVMs, this one included (marked {@code console}). */
    public static List<Jvm> list() {
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> descriptors = VirtualMachine.list();
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "docstore-console-jvm-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Jvm>> answers = new ArrayList<>();
            for (VirtualMachineDescriptor descriptor : descriptors) {
                long pid = Long.parseLong(descriptor.id());
                String name = descriptor.displayName().isBlank() ? "(no main class)" : descriptor.displayName();
                answers.add(workers.submit(() -> pid == self
                        ? new Jvm(pid, name, true, false, null, "this console")
                        : probe(descriptor, pid, name)));
            }
            List<Jvm> jvms = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                VirtualMachineDescriptor descriptor = descriptors.get(i);
                jvms.add(answer(answers.get(i), Long.parseLong(descriptor.id()), descriptor.displayName()));
            }
            return jvms;
        } finally {
            workers.shutdownNow();
        }
    }

    private static Jvm answer(Future<Jvm> answer, long pid, String name) {
        try {
            return answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new Jvm(pid, name, false, false, null, "did not answer within " + ANSWER_SECONDS + " s");
        } catch (ExecutionException e) {
            return new Jvm(pid, name, false, false, null, JmxTarget.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Jvm(pid, name, false, false, null, "interrupted");
        }
    }

    private static Jvm probe(VirtualMachineDescriptor descriptor, long pid, String name) {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(descriptor);
            try {
                address = vm.getAgentProperties().getProperty(CONNECTOR_ADDRESS);
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException | RuntimeException e) {
            return new Jvm(pid, name, false, false, null, "cannot attach: " + JmxTarget.reason(e));
        }
        if (address == null) {
            return new Jvm(pid, name, false, false, null, "management agent not started");
        }
        try (JmxTarget target = JmxTarget.open(new JMXServiceURL(address), Map.of(), "process " + pid)) {
            boolean docstore = target.call(LocalJvms::hasDocstoreBeans);
            return new Jvm(pid, name, false, true, docstore, docstore ? "docstore" : "no docstore caches");
        } catch (IOException | RuntimeException e) {
            return new Jvm(pid, name, false, true, null, JmxTarget.reason(e));
        }
    }

    private static boolean hasDocstoreBeans(MBeanServerConnection connection) throws IOException {
        Set<ObjectName> names;
        try {
            names = connection.queryNames(new ObjectName("dev.docstore:*"), null);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        return !names.isEmpty();
    }

    /**
     * Connects to the local JVM with process id {@code pid}, starting its local management agent if needed.
     * The console's own JVM cannot attach to itself; use {@link JmxTarget#thisJvm} for that. A process that is not
     * among the attachable JVMs is refused before anything is sent to it: attaching begins by sending the process
     * SIGQUIT, which a JVM answers and most other programs die of.
     */
    public static JmxTarget attach(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            throw new OperationFailedException("process " + pid + " is this console; it cannot attach to itself");
        }
        String id = Long.toString(pid);
        if (VirtualMachine.list().stream().noneMatch(descriptor -> descriptor.id().equals(id))) {
            throw new OperationFailedException("process " + pid + " is not a JVM this console can attach to: it is"
                    + " not among the local JVMs of this user (the Connect page lists them)");
        }
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(id);
            try {
                Properties agent = vm.getAgentProperties();
                address = agent.getProperty(CONNECTOR_ADDRESS);
                if (address == null) {
                    address = vm.startLocalManagementAgent();
                }
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new OperationFailedException("cannot attach to process " + pid + ": " + JmxTarget.reason(e)
                    + " (is it a JVM run by the same user?)");
        } catch (IOException e) {
            throw new TargetUnavailableException("could not attach to process " + pid + ": " + JmxTarget.reason(e));
        }
        try {
            return JmxTarget.open(new JMXServiceURL(address), Map.of(), "process " + pid);
        } catch (IOException e) {
            throw new TargetUnavailableException("process " + pid + " published a bad JMX address: " + address);
        }
    }
}
