package io.paralab.perf;

import io.paralab.process.SerializableCallable;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A lambda defined the way a notebook cell defines it: its class ({@code REPL.$JShell$7}) is compiled at run
 * time and lives only in a class loader that serves its bytes through {@code getResourceAsStream}, as the
 * kernel's JShell loader does; it is on no class path, so a child JVM must fetch it from the parent.
 *
 * <pre>{@code
 * SerializableCallable<Integer> task = CellStyleLambda.sixTimesSeven();
 * try (JvmProcess<Integer> child = JvmProcess.start(task)) { child.result(); }   // 42
 * }</pre>
 */
final class CellStyleLambda extends ClassLoader {

    private static final String CLASS_NAME = "REPL.$JShell$7";
    private static final String SOURCE = """
            package REPL;
            public class $JShell$7 {
                public static io.paralab.process.SerializableCallable<Integer> task() { return () -> 6 * 7; }
            }
            """;

    private final Map<String, byte[]> classes;

    private CellStyleLambda(Map<String, byte[]> classes) {
        super(CellStyleLambda.class.getClassLoader());
        this.classes = classes;
    }

    /** A fresh cell-style lambda {@code () -> 6 * 7}, compiled now. */
    @SuppressWarnings("unchecked")
    static SerializableCallable<Integer> sixTimesSeven() throws ReflectiveOperationException, IOException {
        CellStyleLambda loader = new CellStyleLambda(compile());
        return (SerializableCallable<Integer>) loader.loadClass(CLASS_NAME).getMethod("task").invoke(null);
    }

    private static Map<String, byte[]> compile() throws IOException {
        Path dir = Files.createTempDirectory("paralab-cell");
        try {
            Path source = dir.resolve("$JShell$7.java");
            Files.writeString(source, SOURCE);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int code = javac.run(null, null, errors, "--release", "21", "-cp", System.getProperty("java.class.path"),
                    "-d", dir.toString(), source.toString());
            if (code != 0) {
                throw new IllegalStateException("cannot compile the cell-style lambda: " + errors);
            }
            Map<String, byte[]> classes = new HashMap<>();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = dir.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    classes.put(name, Files.readAllBytes(file));
                }
            }
            return classes;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = classes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (bytes != null) {
                return new ByteArrayInputStream(bytes);
            }
        }
        return super.getResourceAsStream(name);
    }
}
