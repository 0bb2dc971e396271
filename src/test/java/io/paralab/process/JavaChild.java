package io.paralab.process;

import io.paralab.shared.SharedDirectory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tests' one way to start a plain child JVM running a main class from this class path: the java binary
 * and JVM options the process pool gives its workers ({@link ChildJvm#javaCommand()}), this process's
 * shared-memory directory, the child's stderr on this process's stderr. Closing kills it if it still runs.
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

    /** Starts {@code main.main(args)} in a new JVM with the workers' JVM options. */
    public static JavaChild start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(ChildJvm.javaCommand());
        command.addAll(mainCommand(main, args));
        return launch(command);
    }

    /**
     * Starts {@code main.main(args)} as {@code java -cp <where main is> main args}, with no JVM option and no
     * property: as a user would, for tests that read the command line ({@code main} needs nothing else on its
     * class path; a short one keeps the command within the page of it the system keeps).
     */
    public static JavaChild startPlain(Class<?> main, String... args) throws IOException {
        String home;
        try {
            home = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where " + main.getName() + " was loaded from", e);
        }
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaCommand().getFirst(), "-cp", home, main.getName()));
        command.addAll(List.of(args));
        return launch(command);
    }

    /** Starts the child through {@code /bin/sh -c "<shellPrefix> exec java ..."}, e.g. to change its limits. */
    public static JavaChild startInShell(String shellPrefix, Class<?> main, String... args) throws IOException {
        List<String> java = new ArrayList<>(ChildJvm.javaCommand());
        java.addAll(mainCommand(main, args));
        StringBuilder line = new StringBuilder(shellPrefix).append(" exec");
        java.forEach(word -> line.append(" '").append(word.replace("'", "'\\''")).append('\''));
        return launch(List.of("/bin/sh", "-c", line.toString()));
    }

    private static List<String> mainCommand(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                "-D" + SharedDirectory.PROPERTY + "=" + SharedDirectory.path(), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static JavaChild launch(List<String> command) throws IOException {
        return new JavaChild(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** The child's process. */
    public Process process() {
        return process;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Reads the child's first output line, then waits for it to exit with 0; returns the line. */
    public String resultLine(long timeoutSeconds) throws IOException, InterruptedException {
        return resultLine(process, timeoutSeconds);
    }

    /** Reads {@code process}'s first output line, then waits for it to exit with 0; returns the line. */
    public static String resultLine(Process process, long timeoutSeconds) throws IOException, InterruptedException {
        String line = firstLine(process);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " did not end within " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("child " + process.pid() + " exited with " + process.exitValue()
                    + " (its stderr is above)");
        }
        return line;
    }

    /** The child's next output line, "" at end of output. */
    public String firstLine() throws IOException {
        return firstLine(process);
    }

    /** {@code process}'s next output line, "" at end of output; reads no further than the line. */
    public static String firstLine(Process process) throws IOException {
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
