package io.paralab.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Across hosts: two members, each in a network namespace of its own, and the caller in a third, joined by
 * veth pairs on a bridge — three hosts as far as the network goes, with addresses that exist only inside
 * this test's namespaces. The same {@code map} runs across them. Needs root and {@code ip netns}; skips with
 * the reason elsewhere. The members and namespaces are removed afterwards.
 */
class ClusterNamespaceTest {

    private static final Path[] IP = {Path.of("/usr/sbin/ip"), Path.of("/sbin/ip"), Path.of("/usr/bin/ip")};

    private final String prefix = "plc" + ProcessHandle.current().pid() % 100_000;
    private final String nsA = prefix + "a", nsB = prefix + "b", nsC = prefix + "c";
    private final String subnet = "10.213." + (ProcessHandle.current().pid() % 250 + 1) + ".";
    private final List<String> created = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();
    private String ip;

    @AfterEach
    void removeEverything() throws Exception {
        for (Process p : started) {
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "process " + p.pid() + " ended");
        }
        for (String ns : created) {
            run(ip, "netns", "del", ns);
        }
        if (ip != null) {
            String left = run(ip, "netns", "list");
            for (String ns : created) {
                assertFalse(left.contains(ns), "namespace " + ns + " removed: " + left);
            }
        }
    }

    @Test
    void aMapRunsOnMembersInOtherNetworkNamespaces() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to make network namespaces");
        for (Path candidate : IP) {
            if (Files.isExecutable(candidate)) {
                ip = candidate.toString();
                break;
            }
        }
        assumeTrue(ip != null, "no ip command (iproute2)");
        assumeTrue(tryRun(ip, "netns", "add", nsA), "ip netns add is not allowed here");
        created.add(nsA);
        run(ip, "netns", "add", nsB);
        created.add(nsB);
        run(ip, "netns", "add", nsC);
        created.add(nsC);
        // the caller's namespace holds a bridge; each member's namespace is joined to it by a veth pair
        run(ip, "-n", nsC, "link", "add", "br0", "type", "bridge");
        int host = 1;
        for (String ns : List.of(nsA, nsB)) {
            String inside = "v" + host, outside = "c" + host;
            run(ip, "link", "add", inside, "netns", ns, "type", "veth", "peer", "name", outside, "netns", nsC);
            run(ip, "-n", nsC, "link", "set", outside, "master", "br0", "up");
            run(ip, "-n", ns, "addr", "add", subnet + host + "/24", "dev", inside);
            run(ip, "-n", ns, "link", "set", inside, "up");
            run(ip, "-n", ns, "link", "set", "lo", "up");
            host++;
        }
        run(ip, "-n", nsC, "addr", "add", subnet + "3/24", "dev", "br0");
        run(ip, "-n", nsC, "link", "set", "br0", "up");
        run(ip, "-n", nsC, "link", "set", "lo", "up");

        String cluster = "netns-" + prefix;
        String members = subnet + "1:5701," + subnet + "2:5701";
        List<CompletableFuture<String>> up = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Process member = java(i == 1 ? nsA : nsB, ClusterMember.class.getName(), "--cluster", cluster,
                    "--address", subnet + i + ":5701", "--members", members, "--threads", "1", "--name", "member-" + i);
            up.add(firstLineWith(member, " is up at "));
            up.getLast().get(180, TimeUnit.SECONDS);   // one at a time: each joins a settled cluster
        }
        Process caller = java(nsC, NamespaceCaller.class.getName(), cluster, subnet + "3", members);
        CompletableFuture<String> result = firstLineWith(caller, "RESULT ");
        String line = result.get(180, TimeUnit.SECONDS);
        assertTrue(caller.waitFor(60, TimeUnit.SECONDS), "the caller ended");
        assertEquals("RESULT squares=[0, 1, 4, 9, 16, 25, 36, 49] hosts=[" + subnet + "1, " + subnet + "2]", line);
    }

    /** Starts {@code java -cp <this class path> main args} inside a namespace, output merged. */
    private Process java(String ns, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ip, "netns", "exec", ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(MemberConfig.jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        return process;
    }

    /** Completes with the first line of the process's output that contains {@code marker}; reads on. */
    private static CompletableFuture<String> firstLineWith(Process process, String marker) {
        CompletableFuture<String> found = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.contains(marker)) {
                        found.complete(line.strip());
                    } else if (seen.length() < 20_000) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            found.completeExceptionally(new AssertionError("no line with '" + marker + "'; output:\n" + seen));
        });
        return found;
    }

    private static boolean tryRun(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " ended");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
