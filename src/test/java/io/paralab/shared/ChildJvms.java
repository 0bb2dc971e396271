package io.paralab.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts {@link SharedChild} JVMs for one test and stops every one of them on {@link #close()}, also when
 * the test failed. Children see the same shared directory as the test.
 */
final class ChildJvms implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    /** Starts a child running {@code SharedChild} with {@code args}; its stderr goes to the test's stderr. */
    Process start(String... args) throws IOException {
        return launch(javaCommand(args));
    }

    /** Starts a child through {@code /bin/sh -c "<shellPrefix> exec java ..."}. */
    Process startInShell(String shellPrefix, String... args) throws IOException {
        List<String> java = javaCommand(args);
        StringBuilder line = new StringBuilder(shellPrefix).append(" exec");
        java.forEach(word -> line.append(" '").append(word.replace("'", "'\\''")).append('\''));
        return launch(List.of("/bin/sh", "-c", line.toString()));
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-D" + SharedDirectory.PROPERTY + "=" + SharedDirectory.path());
        command.add(SharedChild.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    private Process launch(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(process);
        return process;
    }

    /** The first line the child prints. */
    static String firstLine(Process process) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? "" : line;
    }

    /** Waits for the child to exit with 0 and returns its first output line. */
    static String resultOf(Process process, long timeoutSeconds) throws IOException, InterruptedException {
        String line = firstLine(process);
        assertTrue(process.waitFor(timeoutSeconds, TimeUnit.SECONDS), "child " + process.pid() + " did not end");
        assertEquals(0, process.exitValue(), "exit code of child " + process.pid() + " (its stderr is above)");
        return line;
    }

    /** Kills every child still running and waits (up to 10 s each) until it is gone; keeps an interrupt. */
    @Override
    public void close() {
        boolean interrupted = false;
        for (Process process : started) {
            process.destroyForcibly();
        }
        for (Process process : started) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
