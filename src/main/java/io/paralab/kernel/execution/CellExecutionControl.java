package io.paralab.kernel.execution;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JShell's execution engine for ParaLab: snippets run in the kernel JVM, on the thread that called
 * {@code JShell.eval} (the cell's thread), with their classes defined by a {@link CellClassLoader}. The value a
 * snippet computes is kept as an object — JShell only carries a key to it — so the kernel renders the real object
 * (images, charts, tables), not its {@code toString}.
 *
 * <pre>{@code
 * CellExecutionControl control = new CellExecutionControl(loader);
 * JShell shell = JShell.builder().executionEngine(control.provider(), Map.of()).build();
 * SnippetEvent event = shell.eval("1 + 1").get(0);
 * Object two = control.takeValue(event.value());
 * }</pre>
 */
final class CellExecutionControl extends DirectExecutionControl {

    /** The variable {@link CellEvaluator} evaluates standalone expressions in; cleared once its value is taken. */
    static final String VALUE_VARIABLE = "$paralabValue";
    private static final String KEY_PREFIX = "paralab-value#";

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();

    CellExecutionControl(CellClassLoader loader) {
        super(loader.delegate());
    }

    /** The provider to hand to {@code JShell.Builder.executionEngine}; it always supplies this instance. */
    ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "paralab";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return CellExecutionControl.this;
            }
        };
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object value = doitMethod.invoke(null);
        clearValueVariable(doitMethod.getDeclaringClass());
        String key = KEY_PREFIX + nextKey.incrementAndGet();
        if (value != null) {
            values.put(key, value);
        }
        return key;
    }

    /** Sets the {@link #VALUE_VARIABLE} of a snippet class to null, so the variable holds no object after its cell. */
    private static void clearValueVariable(Class<?> snippetClass) throws IllegalAccessException {
        for (Field field : snippetClass.getDeclaredFields()) {
            if (field.getName().equals(VALUE_VARIABLE) && Modifier.isStatic(field.getModifiers())) {
                field.setAccessible(true);
                field.set(null, null);
            }
        }
    }

    /**
     * Removes and returns the value a snippet computed.
     *
     * @param key {@code SnippetEvent.value()}; {@code null} or a key of no value gives {@code null}
     */
    Object takeValue(String key) {
        return key == null ? null : values.remove(key);
    }

    /** Forgets every value not taken, e.g. after a cell failed half way. */
    void clearValues() {
        values.clear();
    }
}
