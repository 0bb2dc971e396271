package io.paralab.kernel.execution;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of notebook cells: it defines the classes JShell compiles from cells (after
 * {@link CellBytecodeRewriter} made them stoppable and exit-safe), keeps their bytes as compiled so that
 * {@code getResourceAsStream("REPL/$JShell$12$Point.class")} serves them (a child JVM asks for them by name, and
 * runs the code as written: there {@code System.exit} ends the worker, as it should), and
 * is a {@link URLClassLoader} whose URLs are every jar and folder added with {@code %classpath} / {@code %jars}.
 *
 * <pre>{@code
 * CellClassLoader loader = new CellClassLoader(ClassLoader.getSystemClassLoader());
 * JShell shell = JShell.builder().executionEngine(new CellExecutionControl.Provider(loader), Map.of()).build();
 * }</pre>
 */
public final class CellClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    /**
     * What JShell compiled: served to other JVMs, and rewritten when the class is defined (the rewritten bytes are not
     * kept: a class is defined once, and a long session would keep a second copy of every cell class).
     */
    private final Map<String, byte[]> compiledBytes = new ConcurrentHashMap<>();

    /** A loader with no URLs yet, delegating first to {@code parent}. */
    public CellClassLoader(ClassLoader parent) {
        super("paralab-cells", new URL[0], parent);
    }

    /** Adds a jar or folder; classes and resources in it become visible to cells. */
    public void addPath(String path) throws MalformedURLException {
        addURL(new File(path).toURI().toURL());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] compiled = compiledBytes.get(name);
        if (compiled == null) {
            return super.findClass(name);
        }
        byte[] bytes = CellBytecodeRewriter.rewrite(compiled);
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = compiledBytes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (bytes != null) {
                return new ByteArrayInputStream(bytes);
            }
        }
        return super.getResourceAsStream(name);
    }

    /** The {@link LoaderDelegate} JShell's execution control loads cell classes through. */
    LoaderDelegate delegate() {
        return new Delegate();
    }

    private final class Delegate implements LoaderDelegate {
        private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

        @Override
        public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
            boolean[] installed = new boolean[cbcs.length];
            for (ClassBytecodes cbc : cbcs) {
                compiledBytes.put(cbc.name(), cbc.bytecodes());
            }
            try {
                for (int i = 0; i < cbcs.length; i++) {
                    Class<?> type = loadClass(cbcs[i].name());
                    loaded.put(cbcs[i].name(), type);
                    installed[i] = true;
                    type.getDeclaredMethods();        // link now, so errors show at definition
                }
            } catch (Throwable e) {
                throw new ClassInstallException("load: " + e, installed);
            }
        }

        @Override
        public void classesRedefined(ClassBytecodes[] cbcs) {
            for (ClassBytecodes cbc : cbcs) {
                compiledBytes.put(cbc.name(), cbc.bytecodes());
            }
        }

        @Override
        public void addToClasspath(String path) throws InternalException {
            try {
                for (String part : path.split(File.pathSeparator)) {
                    addPath(part);
                }
            } catch (MalformedURLException e) {
                throw new InternalException("bad class path entry " + path + ": " + e.getMessage());
            }
        }

        @Override
        public Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> type = loaded.get(name);
            if (type == null) {
                throw new ClassNotFoundException(name + " not found");
            }
            return type;
        }
    }
}
