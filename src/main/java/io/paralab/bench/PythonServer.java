package io.paralab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python original that serves on 127.0.0.1 — e.g. the guide's aiohttp server — run with the project's Python
 * (found as {@link PythonOriginal} finds it) so that Java can put it under the same load as its own server.
 *
 * <p>Contract: the script binds 127.0.0.1, then prints one line {@code PORT <n>} (flushed); {@link #uri()}
 * points there. It runs until {@link #close()} or until this JVM ends, whichever comes first: its standard
 * input is a pipe from this JVM, and a watcher thread started before the script exits the interpreter as soon
 * as that pipe closes — so a killed kernel leaves no Python server behind. When there is no Python, or a
 * module it {@link Builder#requires requires} is missing, nothing starts and {@link #skipReason()} says why in
 * one line; closing it then does nothing. A script that ends or stays silent before printing its port is an
 * error carrying the end of its output.
 *
 * <pre>{@code
 * try (PythonServer py = PythonServer.inline("hello", AIOHTTP_SOURCE).requires("aiohttp").args(20).start()) {
 *     if (py.running()) load(client, py.uri(), 32, 5);
 *     else System.out.println(py.skipReason().orElseThrow());
 * }
 * }</pre>
 */
public final class PythonServer implements AutoCloseable {

    /** How long a script may take to print its port. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern PORT_LINE = Pattern.compile("PORT (\\d{1,5})");
    private static final String WATCHER = String.join("\n",
            "import os, runpy, sys, threading",
            "threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)), daemon=True).start()",
            "sys.argv = sys.argv[1:]",
            "runpy.run_path(sys.argv[0], run_name='__main__')");

    private final String name;
    private final String skipReason;
    private final Process process;
    private final Path dir;
    private final URI uri;

    private PythonServer(String name, String skipReason, Process process, Path dir, URI uri) {
        this.name = name;
        this.skipReason = skipReason;
        this.process = process;
        this.dir = dir;
        this.uri = uri;
    }

    /**
     * A server script given as source text, e.g. a text block in a notebook cell.
     *
     * @param name names the script in messages and its file: letters, digits, '_' and '-'
     */
    public static Builder inline(String name, String source) {
        return new Builder(PythonScript.checkedName(name), source);
    }

    /** Whether the server runs (false when it was skipped or has been closed). */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Why the server was not started: no Python, or a missing module; empty when it started. */
    public Optional<String> skipReason() {
        return Optional.ofNullable(skipReason);
    }

    /**
     * {@code http://127.0.0.1:<port>/}.
     *
     * @throws IllegalStateException when the server was skipped, saying why
     */
    public URI uri() {
        if (uri == null) {
            throw new IllegalStateException("the Python server '" + name + "' did not start: " + skipReason);
        }
        return uri;
    }

    /** Stops the server (closing its input, then killing it if it lingers) and deletes its files. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            PythonScript.deleteFolder(dir);
        }
    }

    /** E.g. {@code "Python server 'hello' on http://127.0.0.1:40123/"} or why it did not start. */
    @Override
    public String toString() {
        return uri != null ? "Python server '" + name + "' on " + uri
                : "Python server '" + name + "' skipped: " + skipReason;
    }

    /** Options of a {@link PythonServer} before it starts. */
    public static final class Builder extends PythonScript<Builder> {

        private Builder(String name, String source) {
            super(name, source);
        }

        /**
         * Starts the script and waits for its port, or returns a skipped server saying why it did not start.
         *
         * @throws IllegalStateException when the script ends, or prints no port within {@link #START_TIMEOUT},
         *                               with the end of its output; it is stopped then
         */
        public PythonServer start() throws IOException, InterruptedException {
            Optional<Path> python = PythonOriginal.findPython();
            Optional<String> cannotRun = skipReason(python);
            if (cannotRun.isPresent()) {
                return new PythonServer(name, cannotRun.get(), null, null, null);
            }
            Path dir = Files.createTempDirectory("paralab-python-server-");
            Process process;
            try {
                List<String> command = writeCommand(dir, python.get().toString(), "-c", WATCHER);
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
                builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
                builder.environment().put("PYTHONUNBUFFERED", "1");
                process = builder.start();
            } catch (IOException e) {
                deleteFolder(dir);
                throw e;
            }
            Deque<String> lastLines = new ArrayDeque<>();
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("python-server-" + name).start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {   // read to the end, so the pipe never fills
                        Matcher m = PORT_LINE.matcher(line.strip());
                        if (!port.isDone() && m.matches()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                        synchronized (lastLines) {
                            lastLines.addLast(line);
                            if (lastLines.size() > 20) {
                                lastLines.removeFirst();
                            }
                        }
                    }
                } catch (IOException e) {
                    // the process ended: handled below
                }
                port.completeExceptionally(new IllegalStateException("ended without printing PORT <n>"));
            });
            PythonServer server = new PythonServer(name, null, process, dir, null);
            try {
                int p = port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return new PythonServer(name, null, process, dir, URI.create("http://127.0.0.1:" + p + "/"));
            } catch (ExecutionException | TimeoutException e) {
                server.close();
                String output;
                synchronized (lastLines) {
                    output = String.join("\n", lastLines);
                }
                throw new IllegalStateException("the Python server '" + name + "' "
                        + (e instanceof TimeoutException ? "printed no port within " + START_TIMEOUT : e.getCause().getMessage())
                        + "; its output ends: " + (output.isBlank() ? "(no output)" : output));
            } catch (InterruptedException e) {
                server.close();
                throw e;
            }
        }
    }
}
