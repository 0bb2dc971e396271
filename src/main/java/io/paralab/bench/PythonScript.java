package io.paralab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a timed Python original ({@link PythonOriginal}) and a served one ({@link PythonServer.Builder}) share
 * before they run: the script's name and source, the modules it needs and its command-line arguments, the
 * check that says why it cannot run here, and the temporary folder it runs in.
 *
 * <pre>{@code
 * PythonOriginal.inline("downloads", source).requires("requests").args(uri, 20).run();
 * PythonServer.inline("hello", AIOHTTP_SOURCE).requires("aiohttp").args(20).start();
 * }</pre>
 *
 * @param <B> the builder's own type, which every setting returns
 */
public abstract sealed class PythonScript<B extends PythonScript<B>> permits PythonOriginal, PythonServer.Builder {

    /** Names the script in messages and its file, e.g. {@code "primes"}. */
    final String name;
    private final String source;
    private final List<String> modules = new ArrayList<>();
    private final List<String> args = new ArrayList<>();

    PythonScript(String name, String source) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * A name given for a script written in a notebook: letters, digits, '_' and '-'.
     *
     * @throws IllegalArgumentException naming the name, when it is not one
     */
    static String checkedName(String name) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("a script name is letters, digits, '_' and '-', not '" + name + "'");
        }
        return name;
    }

    /** Modules the script imports that a plain Python may lack, e.g. {@code "aiohttp"}; checked before it runs. */
    public B requires(String... moduleNames) {
        modules.addAll(Arrays.asList(moduleNames));
        return self();
    }

    /** The script's command-line arguments ({@code sys.argv[1:]}), each turned into text. */
    public B args(Object... values) {
        Arrays.stream(values).map(String::valueOf).forEach(args::add);
        return self();
    }

    /**
     * Why the script cannot run with {@code python}, in one line: no Python was found, or a module it
     * {@link #requires} is missing there; empty when it can run.
     */
    final Optional<String> skipReason(Optional<Path> python) throws IOException, InterruptedException {
        if (python.isEmpty()) {
            return Optional.of("no Python found (set " + PythonOriginal.PYTHON_VARIABLE + ", run ./paralab to create "
                    + PythonOriginal.VENV_PYTHON + ", or put python3 on the PATH)");
        }
        for (String module : modules) {
            if (!PythonOriginal.hasModule(python.get(), module)) {
                return Optional.of("module " + module + " is missing in " + python.get()
                        + " (./paralab installs the originals' packages into " + PythonOriginal.VENV_PYTHON + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the script into {@code dir} and returns the command that runs it: {@code launcher} (the Python
     * and its options), the script, then its arguments.
     */
    final List<String> writeCommand(Path dir, String... launcher) throws IOException {
        Path script = dir.resolve(name + ".py");
        Files.writeString(script, source);
        List<String> command = new ArrayList<>(List.of(launcher));
        command.add(script.toString());
        command.addAll(args);
        return command;
    }

    /** Deletes a script's temporary folder and all it holds; nothing when it is null or already gone. */
    static void deleteFolder(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
