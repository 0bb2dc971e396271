package io.paralab.kernel.environment;

import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables stock JJava reads when its kernel starts, read the same way, so a JJava user's set-up
 * carries over:
 * <ul>
 *   <li>{@code JJAVA_CLASSPATH} — jars and folders (path-separated, {@code *} globs) added to the class path, with
 *       the extensions inside them installed;</li>
 *   <li>{@code JJAVA_COMPILER_OPTS} — options for the cells' compiler, e.g. {@code --enable-preview --release 25};</li>
 *   <li>{@code JJAVA_TIMEOUT} — a cell running longer is stopped: milliseconds, or a number and a
 *       {@link TimeUnit} name ({@code 30 SECONDS}); negative means no limit;</li>
 *   <li>{@code JJAVA_STARTUP_SCRIPTS_PATH} — script files (path-separated, globs) run before the first cell;</li>
 *   <li>{@code JJAVA_STARTUP_SCRIPT} — code run after those scripts.</li>
 * </ul>
 * ({@code JJAVA_JVM_OPTS} is read by the kernelspec installer: it starts the kernel JVM.)
 *
 * <pre>{@code
 * JJavaEnvironment env = JJavaEnvironment.read(System.getenv());
 * env.timeout().ifPresent(limit -> ...);
 * }</pre>
 *
 * @param classPath       the {@code JJAVA_CLASSPATH} entries that exist, absolute
 * @param compilerOptions {@code JJAVA_COMPILER_OPTS} split as a shell would (quotes group)
 * @param timeout         {@code JJAVA_TIMEOUT}, empty for no limit
 * @param startupScripts  the code of the start-up scripts, then {@code JJAVA_STARTUP_SCRIPT}, in that order
 */
public record JJavaEnvironment(List<Path> classPath, List<String> compilerOptions, Optional<Duration> timeout,
                               List<String> startupScripts) {

    /** No variable set: nothing added, no options, no limit, no scripts. */
    public static final JJavaEnvironment NONE = new JJavaEnvironment(List.of(), List.of(), Optional.empty(), List.of());

    public static final String CLASSPATH = "JJAVA_CLASSPATH";
    public static final String COMPILER_OPTS = "JJAVA_COMPILER_OPTS";
    public static final String TIMEOUT = "JJAVA_TIMEOUT";
    public static final String STARTUP_SCRIPTS_PATH = "JJAVA_STARTUP_SCRIPTS_PATH";
    public static final String STARTUP_SCRIPT = "JJAVA_STARTUP_SCRIPT";
    public static final String JVM_OPTS = "JJAVA_JVM_OPTS";

    private static final Pattern TIMEOUT_VALUE = Pattern.compile("(-?\\d+)\\s*([A-Za-z]+)?");

    /**
     * Reads the variables from {@code env}.
     *
     * @throws IllegalArgumentException naming the variable whose value is wrong
     */
    public static JJavaEnvironment read(Map<String, String> env) {
        String classPath = env.getOrDefault(CLASSPATH, "");
        List<Path> entries = classPath.isBlank() ? List.of()
                : PathsHandler.splitAndResolveGlobs(classPath).stream().map(p -> p.toAbsolutePath().normalize()).toList();
        String options = env.get(COMPILER_OPTS);
        return new JJavaEnvironment(entries, options == null ? List.of() : splitOptions(options),
                timeout(env.get(TIMEOUT)), startupScripts(env));
    }

    /** {@code text} split at blanks outside double quotes; a backslash escapes a quote. */
    public static List<String> splitOptions(String text) {
        List<String> options = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                current.append('"');
                any = true;
                i++;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    options.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any) {
            options.add(current.toString());
        }
        return options;
    }

    static Optional<Duration> timeout(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = TIMEOUT_VALUE.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(TIMEOUT + "='" + value + "' is not a timeout: give milliseconds or a "
                    + "number and a unit, e.g. 30000 or 30 SECONDS");
        }
        long amount = Long.parseLong(m.group(1));
        TimeUnit unit = TimeUnit.MILLISECONDS;
        if (m.group(2) != null) {
            try {
                unit = TimeUnit.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(TIMEOUT + "='" + value + "': '" + m.group(2)
                        + "' is not a unit (SECONDS, MINUTES, MILLISECONDS, ...)");
            }
        }
        return amount < 0 ? Optional.empty() : Optional.of(Duration.of(amount, unit.toChronoUnit()));
    }

    private static List<String> startupScripts(Map<String, String> env) {
        List<String> scripts = new ArrayList<>();
        String paths = env.get(STARTUP_SCRIPTS_PATH);
        if (paths != null && !paths.isBlank()) {
            for (Path path : PathsHandler.splitAndResolveGlobs(paths)) {
                if (Files.isRegularFile(path)) {
                    try {
                        scripts.add(Files.readString(path));
                    } catch (IOException e) {
                        throw new IllegalArgumentException(STARTUP_SCRIPTS_PATH + ": cannot read " + path + ": "
                                + e.getMessage());
                    }
                }
            }
        }
        String code = env.get(STARTUP_SCRIPT);
        if (code != null && !code.isBlank()) {
            scripts.add(code);
        }
        return List.copyOf(scripts);
    }
}
