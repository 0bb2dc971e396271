package io.paralab.process;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for classes defined in notebook cells: compiles sources at test time into memory and loads
 * them with a loader that, like the kernel's JShell loader, serves their bytes through
 * {@link ClassLoader#getResourceAsStream} — or, with {@code serveBytes = false}, refuses to.
 */
public final class CellClasses extends ClassLoader {

    private final Map<String, byte[]> classes;
    private final boolean serveBytes;

    private CellClasses(Map<String, byte[]> classes, boolean serveBytes) {
        super("cells", CellClasses.class.getClassLoader());
        this.classes = classes;
        this.serveBytes = serveBytes;
    }

    /** Compiles {@code sources} (class name to source) into a fresh loader. */
    public static CellClasses compile(Map<String, String> sources, boolean serveBytes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(null, null, null);
        var manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = sources.entrySet().stream().map(e -> (JavaFileObject) new SimpleJavaFileObject(
                URI.create("string:///" + e.getKey().replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return e.getValue();
            }
        }).toList();
        StringWriter errors = new StringWriter();
        boolean ok = compiler.getTask(errors, manager, null,
                List.of("-classpath", System.getProperty("java.class.path"), "--release", "21"), null, units).call();
        if (!ok) {
            throw new IllegalStateException("test sources do not compile: " + errors);
        }
        Map<String, byte[]> bytes = new HashMap<>();
        out.forEach((name, stream) -> bytes.put(name, stream.toByteArray()));
        return new CellClasses(bytes, serveBytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classes.get(name);
        if (b == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] b = classes.get(name.substring(0, name.length() - 6).replace('/', '.'));
            if (b != null) {
                return serveBytes ? new ByteArrayInputStream(b) : null;
            }
        }
        return super.getResourceAsStream(name);
    }

    /** Calls a public static no-argument method of a cell class. */
    @SuppressWarnings("unchecked")
    public <T> T call(String className, String method) throws ReflectiveOperationException {
        return (T) loadClass(className).getMethod(method).invoke(null);
    }
}
