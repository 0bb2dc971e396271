package io.paralab.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Runs a class's {@code public static void main(String[])} in a child JVM, loading it remotely if needed. */
record MainClassTask(String className, String[] args) implements SerializableCallable<Void> {

    @Override
    public Void call() throws Exception {
        Class<?> main = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        Method method = main.getMethod("main", String[].class);
        try {
            method.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
        return null;
    }
}
