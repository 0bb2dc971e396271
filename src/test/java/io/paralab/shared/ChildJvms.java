package io.paralab.shared;

import io.paralab.process.JavaChild;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * Starts {@link SharedChild} JVMs for one test (through the tests' one kit, {@link JavaChild}) and stops every
 * one of them on {@link #close()}, also when the test failed. Children see the same shared directory as the test.
 */
final class ChildJvms implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    /** Starts a child running {@code SharedChild} with {@code args}; its stderr goes to the test's stderr. */
    Process start(String... args) throws IOException {
        return keep(JavaChild.start(SharedChild.class, args));
    }

    /** Starts a child through {@code /bin/sh -c "<shellPrefix> exec java ..."}. */
    Process startInShell(String shellPrefix, String... args) throws IOException {
        return keep(JavaChild.startInShell(shellPrefix, SharedChild.class, args));
    }

    private Process keep(JavaChild child) {
        started.add(child.process());
        return child.process();
    }

    /** The first line the child prints. */
    static String firstLine(Process process) throws IOException {
        return JavaChild.firstLine(process);
    }

    /** Waits for the child to exit with 0 and returns its first output line. */
    static String resultOf(Process process, long timeoutSeconds) throws IOException, InterruptedException {
        return JavaChild.resultLine(process, timeoutSeconds);
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
