package io.paralab.perf;

import io.paralab.shared.SharedDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a plain child JVM running a main class from this class path (the same JVM binary, the options the
 * process pool uses for its workers, the shared-memory directory of this process), for the workloads that
 * measure bare JVM start-up or run {@code SharedChild} modes. Closing kills it if it still runs.
 *
 * <pre>{@code
 * try (JavaChild child = JavaChild.start(SharedChild.class, "increment", name, "100000", "4")) {
 *     String line = child.resultLine(60);
 * }
 * }</pre>
 */
public final class JavaChild implements AutoCloseable {

    private final Process process;

    private JavaChild(Process process) {
        this.process = process;
    }

    /** Starts {@code main.main(args)} in a new JVM; its stderr goes to this process's stderr. */
    public static JavaChild start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                "-D" + SharedDirectory.PROPERTY + "=" + SharedDirectory.path(), main.getName()));
        command.addAll(List.of(args));
        return new JavaChild(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Reads the child's first output line, then waits for it to exit with 0; returns the line. */
    public String resultLine(long timeoutSeconds) throws IOException, InterruptedException {
        String line = firstLine();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " did not end within " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("child " + process.pid() + " exited with " + process.exitValue()
                    + " (its stderr is above)");
        }
        return line;
    }

    /** The child's first output line, "" at end of output. */
    public String firstLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = process.getInputStream().read()) != -1 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString();
    }

    /** Closes the child's stdin, which the idle children take as the signal to exit. */
    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Kills the child if it still runs and waits up to 10 s for it to be gone. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
