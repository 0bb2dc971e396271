package io.paralab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Installs the Jupyter kernelspec that runs this jar with this JVM: {@code kernel.json} (absolute paths to the
 * {@code java} binary that runs the installer and to the jar, {@code interrupt_mode: message}, class-data sharing
 * archive in a writable cache folder) and the two logos. Installing again replaces the spec.
 *
 * <pre>{@code
 * Path dir = KernelspecInstaller.parse(List.of("--prefix", "/opt/conda")).install();
 * }</pre>
 *
 * @param target  the kernelspec folder to write, e.g. {@code ~/.local/share/jupyter/kernels/paralab}
 * @param name    the kernelspec name (folder name)
 */
public record KernelspecInstaller(Path target, String name) {

    /** The kernelspec name used unless {@code --name} says otherwise. */
    public static final String DEFAULT_NAME = "paralab";
    /** The name front ends show. */
    public static final String DISPLAY_NAME = "Java (ParaLab)";

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
        return new KernelspecInstaller(kernels.resolve(name), name);
    }

    /**
     * Writes the kernelspec for {@code java} and {@code jar}, replacing any previous one.
     *
     * @return the kernelspec folder
     */
    public Path install(Path java, Path jar, Path cdsArchive) throws IOException {
        Files.createDirectories(target);
        Files.createDirectories(cdsArchive.getParent());
        Files.writeString(target.resolve("kernel.json"), kernelJson(java, jar, cdsArchive));
        for (String logo : List.of("logo-32x32.png", "logo-64x64.png")) {
            try (InputStream in = KernelspecInstaller.class.getResourceAsStream("/paralab-kernelspec/" + logo)) {
                if (in != null) {
                    Files.copy(in, target.resolve(logo), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** Installs for the JVM running this method and the jar this class was loaded from. */
    public Path install() throws IOException {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new IOException("cannot tell which java binary runs the installer"));
        return install(java.toAbsolutePath(), runningJar(), defaultCdsArchive());
    }

    /** The content of {@code kernel.json}. */
    String kernelJson(Path java, Path jar, Path cdsArchive) {
        List<String> argv = new ArrayList<>(List.of(java.toString(),
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + cdsArchive,
                "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Djava.awt.headless=true",
                "-jar", jar.toString(), "kernel", "{connection_file}"));
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

    /** A per-user, per-JDK archive path: {@code $XDG_CACHE_HOME/paralab/cds-<java version>.jsa}. */
    static Path defaultCdsArchive() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("paralab").resolve("cds-" + Runtime.version().toString().replaceAll("[^\\w.-]", "_") + ".jsa");
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
