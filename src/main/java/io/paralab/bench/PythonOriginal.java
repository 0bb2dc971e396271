package io.paralab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python original of a notebook's example beside the Java version, on the same machine in the same
 * run, and reads its timings back as ParaLab {@link Measurement}s ({@link PythonRun}).
 *
 * <p>The script — a file, or source text written in the notebook — runs with the project's Python: the one
 * named by {@code PARALAB_PYTHON}, else the project's virtual environment ({@code build/venv/bin/python} in
 * this folder or one above it, or beside the ParaLab jar's project), else {@code python3} on the
 * {@code PATH}. When there is none, or a module it {@link #requires} is missing, it does not run and
 * {@link PythonRun#skipReason()} says why in one line. A script that fails is an error, with its stderr.
 *
 * <p>The script times itself with the helper module {@code paralab_timing}, put beside it:
 * <pre>{@code
 * String source = """
 *     import sys, requests
 *     from paralab_timing import measure
 *     url, n = sys.argv[1], int(sys.argv[2])
 *     measure("sequential", lambda: sum(len(requests.get(url).content) for _ in range(n)), runs=3)
 *     """;
 * PythonRun py = PythonOriginal.inline("downloads", source).requires("requests").args(uri, 20).run();
 * py;                                                 // "Python 3.11.2 ran downloads: sequential" or why not
 * if (py.ran()) compare.variant("Python, sequential", py.measurement("sequential"));
 * }</pre>
 */
public final class PythonOriginal extends PythonScript<PythonOriginal> {

    /** The environment variable naming the Python to use. */
    public static final String PYTHON_VARIABLE = "PARALAB_PYTHON";
    /** The project's virtual environment's interpreter, relative to the project folder. */
    public static final Path VENV_PYTHON = Path.of("build", "venv", "bin", "python");

    private Duration timeout = Duration.ofMinutes(10);

    private PythonOriginal(String name, String source) {
        super(name, source);
    }

    /**
     * A script given as source text, e.g. a text block in a notebook cell.
     *
     * @param name names the script in messages and its file, e.g. {@code "primes"}
     */
    public static PythonOriginal inline(String name, String source) {
        return new PythonOriginal(checkedName(name), source);
    }

    /**
     * A script file, e.g. {@code python/02_primes.py} beside the notebook.
     *
     * @throws IOException when it cannot be read
     */
    public static PythonOriginal file(Path script) throws IOException {
        String file = script.getFileName().toString();
        return new PythonOriginal(file.endsWith(".py") ? file.substring(0, file.length() - 3) : file,
                Files.readString(script));
    }

    /** How long the script may run before it is stopped and the run fails; default 10 minutes. */
    public PythonOriginal timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /**
     * Runs the script, or says why it did not.
     *
     * @throws IllegalStateException when the script fails or overruns its timeout; the message holds the
     *                               end of its stderr
     */
    public PythonRun run() throws IOException, InterruptedException {
        Optional<Path> python = findPython();
        Optional<String> cannotRun = skipReason(python);
        if (cannotRun.isPresent()) {
            return PythonRun.skipped(name, cannotRun.get());
        }
        Path dir = Files.createTempDirectory("paralab-python-");
        try {
            List<String> command = writeCommand(dir, python.get().toString());
            try (InputStream helper = PythonOriginal.class.getResourceAsStream("paralab_timing.py")) {
                Files.copy(Objects.requireNonNull(helper, "paralab_timing.py missing from the jar"),
                        dir.resolve("paralab_timing.py"));
            }
            Path results = dir.resolve("results.json");
            Path output = dir.resolve("output.txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("PARALAB_RESULTS", results.toString());
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process process = builder.start();
            process.getOutputStream().close();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the Python original '" + name + "' ran longer than " + timeout
                            + " and was stopped; its output ends: " + tail(output));
                }
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the Python original '" + name + "' failed with exit code "
                        + process.exitValue() + ": " + tail(output));
            }
            if (!Files.exists(results)) {
                throw new IllegalStateException("the Python original '" + name
                        + "' recorded no timing (call paralab_timing.measure); its output ends: " + tail(output));
            }
            return PythonRun.parse(name, python.get().toString(), Files.readString(results),
                    Files.readString(output).strip());
        } finally {
            deleteFolder(dir);
        }
    }

    /** The Python {@link #run()} would use, if any. */
    public static Optional<Path> findPython() {
        String named = System.getenv(PYTHON_VARIABLE);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        List<Path> candidates = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve(VENV_PYTHON));
        }
        jarProject().ifPresent(project -> candidates.add(project.resolve(VENV_PYTHON)));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "python3"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The project folder of the ParaLab jar or classes this runs from ({@code <project>/target/...}). */
    private static Optional<Path> jarProject() {
        try {
            Path code = Path.of(PythonOriginal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code; dir != null; dir = dir.getParent()) {
                if (dir.getFileName() != null && dir.getFileName().toString().equals("target")) {
                    return Optional.ofNullable(dir.getParent());
                }
            }
        } catch (Exception e) {
            // no code source (e.g. a custom class loader): nothing to find
        }
        return Optional.empty();
    }

    /** Whether {@code python} can import {@code module} (checked by running it). */
    static boolean hasModule(Path python, String module) throws IOException, InterruptedException {
        if (!module.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("not a Python module name: '" + module + "'");
        }
        Process check = new ProcessBuilder(python.toString(), "-c", "import " + module)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!check.waitFor(60, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            return false;
        }
        return check.exitValue() == 0;
    }

    private static String tail(Path output) throws IOException {
        String text = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8).strip() : "";
        return text.isEmpty() ? "(no output)" : text.substring(Math.max(0, text.length() - 2000));
    }
}
