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
 * them with a loader that keeps their bytes as a kernel does ({@link Bytes}).
 */
public final class CellClasses extends ClassLoader {

    /** Where the loader keeps the class bytes, and whether it serves them. */
    public enum Bytes {
        /** Served through {@link ClassLoader#getResourceAsStream}, as ParaLab's kernel serves them. */
        AS_RESOURCES,
        /**
         * Kept only in a {@code Map<String, byte[]>} of an object the loader refers to, as stock JJava's
         * {@code JJavaClassLoader} keeps them in its enclosing {@code JJavaLoaderDelegate}; never served.
         */
        IN_A_MAP_ONLY,
        /** Gone once the classes are defined: nobody can find them. */
        NOWHERE
    }

    /** Stands in for JJava's loader delegate: the object whose map holds the bytes. */
    private static final class Declared {
        private final Map<String, byte[]> declaredClasses;

        Declared(Map<String, byte[]> declaredClasses) {
            this.declaredClasses = declaredClasses;
        }
    }

    private final Declared declared;
    private final Bytes bytes;

    private CellClasses(Map<String, byte[]> classes, Bytes bytes) {
        super("cells", CellClasses.class.getClassLoader());
        this.declared = new Declared(new HashMap<>(classes));
        this.bytes = bytes;
    }

    /** Compiles {@code sources} (class name to source) into a fresh loader that serves their bytes as resources. */
    public static CellClasses compile(Map<String, String> sources) {
        return compile(sources, Bytes.AS_RESOURCES);
    }

    /** Compiles {@code sources} (class name to source) into a fresh loader that keeps their bytes as {@code bytes} says. */
    public static CellClasses compile(Map<String, String> sources, Bytes bytes) {
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
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((name, stream) -> classes.put(name, stream.toByteArray()));
        CellClasses loader = new CellClasses(classes, bytes);
        if (bytes == Bytes.NOWHERE) {
            for (String name : classes.keySet()) {
                try {
                    loader.loadClass(name);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
            loader.declared.declaredClasses.clear();
        }
        return loader;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = declared.declaredClasses.get(name);
        if (b == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] b = declared.declaredClasses.get(name.substring(0, name.length() - 6).replace('/', '.'));
            if (b != null) {
                return bytes == Bytes.AS_RESOURCES ? new ByteArrayInputStream(b) : null;
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
