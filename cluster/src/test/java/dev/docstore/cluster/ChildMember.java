package dev.docstore.cluster;

import com.hazelcast.core.Hazelcast;
import java.util.Arrays;
import java.util.List;

/**
 * A cluster member in a JVM of its own, for the test that kills it with SIGKILL: args are the cluster name, this
 * member's port and the member addresses. Prints "joined N" once it is in a cluster of N members, then runs until
 * killed.
 */
public final class ChildMember {
    private ChildMember() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> addresses = Arrays.asList(args[2].split(","));
        ClusterSettings settings = ClusterSettings.defaults().withClusterName(args[0]).withMembers(addresses);
        var member = Hazelcast.newHazelcastInstance(
                ClusterConnection.memberConfig(settings, Integer.parseInt(args[1]), addresses));
        System.out.println("joined " + member.getCluster().getMembers().size());
        System.out.flush();
        Thread.currentThread().join();
    }
}
