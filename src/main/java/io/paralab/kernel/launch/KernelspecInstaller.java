package io.paralab.kernel.launch;

import io.paralab.cluster.HazelcastJvm;
import io.paralab.process.CacheFolder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * Installs the Jupyter kernelspec that runs this jar with this JVM: {@code kernel.json} (absolute paths to the
 * {@code java} binary that runs the installer and to the jar, {@code interrupt_mode: message}, class-data sharing
 * archive in a writable cache folder) and the two logos. Installing again replaces the spec.
 *
 * <pre>{@code
 * Path dir = KernelspecInstaller.parse(List.of("--prefix", "/opt/conda")).install();
 * }</pre>
 *
 * @param target     the kernelspec folder to write, e.g. {@code ~/.local/share/jupyter/kernels/paralab}
 * @param name       the kernelspec name (folder name)
 * @param jvmOptions options for the kernel JVM from {@code JJAVA_JVM_OPTS} at install time (JJava's variable,
 *                   split at blanks as JJava's launcher splits it), placed before {@code -jar}
 */
record KernelspecInstaller(Path target, String name, List<String> jvmOptions) {

    /** The kernelspec name used unless {@code --name} says otherwise. */
    public static final String DEFAULT_NAME = "paralab";
    /** The name front ends show. */
    public static final String DISPLAY_NAME = "Java (ParaLab)";

    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STALE_AFTER = Duration.ofDays(7);

    static final String USAGE = "usage: java -jar paralab.jar install [--user | --prefix DIR] [--name NAME]";

    /**
     * Parses installer arguments.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static KernelspecInstaller parse(List<String> args) {
        return parse(args, System.getenv(), System.getProperty("user.home"), System.getProperty("os.name"));
    }

    static KernelspecInstaller parse(List<String> args, Map<String, String> env, String home, String os) {
        String prefix = null;
        boolean user = false;
        String name = DEFAULT_NAME;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--user" -> user = true;
                case "--prefix", "--name" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).isBlank() || args.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
                    }
                    String value = args.get(++i);
                    if (arg.equals("--prefix")) {
                        prefix = value;
                    } else {
                        name = value;
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        if (user && prefix != null) {
            throw new IllegalArgumentException("--user and --prefix exclude each other\n" + USAGE);
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("kernel name '" + name + "' may only hold letters, digits, '.', '_', '-'");
        }
        Path kernels;
        if (prefix != null) {
            kernels = Path.of(prefix).toAbsolutePath().resolve("share/jupyter/kernels");
        } else if (env.get("JUPYTER_DATA_DIR") != null && !env.get("JUPYTER_DATA_DIR").isBlank()) {
            kernels = Path.of(env.get("JUPYTER_DATA_DIR")).toAbsolutePath().resolve("kernels");
        } else if (os != null && os.toLowerCase().contains("mac")) {
            kernels = Path.of(home, "Library", "Jupyter", "kernels");
        } else {
            String dataHome = env.get("XDG_DATA_HOME");
            Path base = dataHome != null && !dataHome.isBlank() ? Path.of(dataHome) : Path.of(home, ".local", "share");
            kernels = base.resolve("jupyter").resolve("kernels");
        }
        String jvmOptions = env.getOrDefault("JJAVA_JVM_OPTS", "").strip();
        return new KernelspecInstaller(kernels.resolve(name), name,
                jvmOptions.isEmpty() ? List.of() : List.of(jvmOptions.split("\\s+")));
    }

    /**
     * Writes the kernelspec for {@code java} and {@code jar}, replacing any previous one.
     *
     * @return the kernelspec folder
     */
    public Path install(Path java, Path jar, StartupCache cache) throws IOException {
        return install(java, Runtime.version().feature(), jar, cache);
    }

    /** As {@link #install(Path, Path, StartupCache)} for a {@code java} of JDK feature release {@code javaFeature}. */
    Path install(Path java, int javaFeature, Path jar, StartupCache cache) throws IOException {
        Files.createDirectories(target);
        Files.createDirectories(cache.file().getParent());
        Files.writeString(target.resolve("kernel.json"), kernelJson(java, javaFeature, jar, cache));
        for (String logo : List.of("logo-32x32.png", "logo-64x64.png")) {
            try (InputStream in = KernelspecInstaller.class.getResourceAsStream("/paralab-kernelspec/" + logo)) {
                if (in != null) {
                    Files.copy(in, target.resolve(logo), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /**
     * Installs for the JVM running this method and the jar this class was loaded from. On JDK 25 and newer a
     * training run of JShell records an AOT cache first; elsewhere, or if training fails, a dynamic CDS archive is used.
     */
    public Path install() throws IOException {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new IOException("cannot tell which java binary runs the installer"))
                .toAbsolutePath();
        Path jar = runningJar();
        return install(java, jar, startupCache(java, jar));
    }

    private static StartupCache startupCache(Path java, Path jar) throws IOException {
        Path cacheDir = CacheFolder.root();
        String id = cacheId(jar);
        removeStaleCaches(cacheDir, id);
        StartupCache.DynamicCds cds = new StartupCache.DynamicCds(cacheDir.resolve("kernel-" + id + ".jsa"));
        if (Runtime.version().feature() < 25) {
            return cds;
        }
        Path aot = cacheDir.resolve("kernel-" + id + ".aot");
        Path recording = cacheDir.resolve("kernel-" + id + "." + ProcessHandle.current().pid() + ".aot.tmp");
        Files.createDirectories(cacheDir);
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:AOTCacheOutput=" + recording,
                "-Xlog:aot=off", "-Xlog:cds=off"));
        command.addAll(HazelcastJvm.options(Runtime.version().feature()));   // trained as the kernel will run
        command.addAll(List.of("-Djava.awt.headless=true", "-jar", jar.toString(), Launcher.TRAIN));
        Process training = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            boolean done = training.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (done && training.exitValue() == 0 && Files.isRegularFile(recording)) {
                // a new file moved into place: kernels running with the old one keep their mapping intact
                Files.move(recording, aot, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new StartupCache.AotCache(aot);
            }
            abandon(training, recording);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(training, recording);
        }
        return cds;
    }

    /**
     * Ends a training run that failed or ran out of time and removes what it wrote: the JDK's one-step AOT workflow
     * starts a second JVM to assemble the cache and keeps its configuration in {@code <output>.config} until then.
     */
    private static void abandon(Process training, Path recording) throws IOException {
        training.descendants().forEach(ProcessHandle::destroyForcibly);
        training.destroyForcibly();
        Files.deleteIfExists(recording);
        Files.deleteIfExists(recording.resolveSibling(recording.getFileName() + ".config"));
    }

    /**
     * The content of {@code kernel.json}. The kernel JVM gets {@link HazelcastJvm#options} (a notebook may start
     * or join a cluster), so a JDK 24 or newer prints no {@code sun.misc.Unsafe} warning under a cell.
     */
    String kernelJson(Path java, int javaFeature, Path jar, StartupCache cache) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(cache.jvmOptions());
        argv.addAll(HazelcastJvm.options(javaFeature));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-Djava.awt.headless=true", "-jar", jar.toString(), "kernel", "{connection_file}"));
        return "{\n"
                + "  \"argv\": [" + String.join(", ", argv.stream().map(KernelspecInstaller::quote).toList()) + "],\n"
                + "  \"display_name\": " + quote(DISPLAY_NAME) + ",\n"
                + "  \"language\": \"java\",\n"
                + "  \"interrupt_mode\": \"message\",\n"
                + "  \"metadata\": {\"debugger\": false}\n"
                + "}\n";
    }

    private static Path runningJar() throws IOException {
        try {
            Path location = Path.of(KernelspecInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new IOException("the installer must run from paralab.jar, not from " + location);
            }
            return location.toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate paralab.jar: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the caches of earlier builds of the same jar (a jar rebuilt in place makes them useless, and each is
     * tens of megabytes) and every cache not installed for {@link #STALE_AFTER}. A kernel still running with a
     * deleted cache keeps its mapping.
     *
     * @param currentId the {@linkplain #cacheId id} of the build being installed
     */
    static void removeStaleCaches(Path cacheDir, String currentId) throws IOException {
        if (!Files.isDirectory(cacheDir)) {
            return;
        }
        String sameJar = "kernel-" + currentId.substring(0, currentId.lastIndexOf('-') + 1);
        String current = "kernel-" + currentId + ".";
        long cutoff = System.currentTimeMillis() - STALE_AFTER.toMillis();
        try (DirectoryStream<Path> caches = Files.newDirectoryStream(cacheDir, "kernel-*")) {
            for (Path cache : caches) {
                String name = cache.getFileName().toString();
                boolean earlierBuild = name.startsWith(sameJar) && !name.startsWith(current);
                if (earlierBuild || Files.getLastModifiedTime(cache).toMillis() < cutoff) {
                    Files.deleteIfExists(cache);
                }
            }
        }
    }

    /**
     * Names the caches after the JDK, the jar's path and its build (size, time), so different builds never share
     * one and the caches of earlier builds of a jar are found: {@code 25.0.1_8-LTS-1a2b3c4d-5e6f7a8b}.
     */
    static String cacheId(Path jar) throws IOException {
        return Runtime.version().toString().replaceAll("[^\\w.]", "_") + "-" + crc(jar.toString()) + "-"
                + crc(Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis());
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
