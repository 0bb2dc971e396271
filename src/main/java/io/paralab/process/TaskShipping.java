package io.paralab.process;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a task, its values and its classes travel to another JVM and back, whatever carries the bytes. The
 * process pool's channel is one transport; another one (e.g. a Hazelcast cluster) uses this class to ship
 * a cell-defined lambda the same way: the sending side {@linkplain #packTask packs} the task and answers
 * requests for the classes it lacks on the other side ({@link #answer}); the receiving side unpacks it
 * with a {@linkplain #receivingLoader loader} whose missing classes are fetched from the sender through
 * a {@link ClassFetcher}. The packed task carries the values the notebook cell variables it reads have
 * when it is packed ({@link CellValues}); unpacking sets them before it returns the task.
 *
 * <pre>{@code
 * // sending JVM
 * TaskShipping shipping = new TaskShipping();
 * byte[] task = shipping.packTask(lambda, "the task");      // carry these bytes to the other JVM
 * ClassReply reply = shipping.answer("REPL.$JShell$12");    // when the other JVM asks for a class
 * // receiving JVM
 * ClassLoader loader = TaskShipping.receivingLoader(name -> askTheSender(name), ClassLoader.getSystemClassLoader());
 * Callable<?> call = (Callable<?>) TaskShipping.unpackTask(task, loader);
 * }</pre>
 *
 * <p>The sending side is thread-safe. Unpack on the thread that will run the task, not on a thread that
 * delivers the transport's answers: unpacking may wait for class bytes.
 */
public final class TaskShipping {

    /**
     * The answer to one class request: the class's bytes or, when there are none, an error saying why. The
     * transport carries it as it is.
     */
    public record ClassReply(byte[] bytes, String error) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The receiving side's transport: asks the sending JVM for one class. */
    @FunctionalInterface
    public interface ClassFetcher {
        /**
         * The sender's answer for {@code className}.
         *
         * @throws Exception when no answer came (the sender is gone, a timeout); the class then fails to load
         *                   with a {@link ClassNotFoundException} carrying this exception's message
         */
        ClassReply fetch(String className) throws Exception;
    }

    private final ClassServer classes = new ClassServer();
    /** The serialized form of each stateless task class packed so far: the same for every instance. */
    private final Map<Class<?>, byte[]> statelessBytes = new ConcurrentHashMap<>();

    /** A sending side that serves, at first, the classes the calling thread's context class loader has. */
    public TaskShipping() {
        classes.add(Thread.currentThread().getContextClassLoader());
    }

    /**
     * Serializes a task (a serializable lambda or object) with the values the notebook cell variables it
     * reads have now, and makes its classes, and those of the calling thread's context class loader,
     * available to {@link #answer}.
     *
     * @param what how an error names the task, e.g. {@code "the map function"}
     * @throws IllegalArgumentException when the task, or a cell variable it reads, cannot be serialized, naming
     *                                  the culprit (the variable by name) and the path to it
     */
    public byte[] packTask(Object task, String what) {
        byte[] bytes = isStateless(task) ? statelessBytes.computeIfAbsent(task.getClass(),
                type -> SerializationProbe.serializeOrExplain(task, what)) : SerializationProbe.serializeOrExplain(task, what);
        CellValues cellValues = CellValues.capture(task, null);
        classes.add(Thread.currentThread().getContextClassLoader());
        classes.add(task.getClass().getClassLoader());
        return ValueCodec.encodeAll(Arrays.asList(cellValues.isEmpty() ? null : cellValues.encoded(), bytes));
    }

    /**
     * Whether {@code task} is a lambda that captures nothing: every instance of its class serializes to the same
     * bytes, so the sending side packs it once per class and the receiving side may keep one unpacked instance
     * for all its tasks (setting the cell variables packed with each, {@link #applyCellValues}).
     */
    public static boolean isStateless(Object task) {
        Class<?> type = task.getClass();
        if (!type.isHidden() || !type.getName().contains("$$Lambda")) {
            return false;
        }
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Encodes values (a map chunk's items); small common values take a few bytes each.
     *
     * @throws IllegalArgumentException when a value cannot be serialized, naming the culprit
     */
    public byte[] packValues(List<?> values, String what) {
        return SerializationProbe.encodeAllOrExplain(values, what);
    }

    /** The answer to the receiving side's request for a class of a task packed here. */
    public ClassReply answer(String className) {
        Message.ClassResponse response = classes.answer(new Message.ClassRequest(0, className));
        return new ClassReply(response.bytes(), response.error());
    }

    /** Decodes values packed by {@link #packValues} or {@link #packResults}, resolving classes through {@code loader}. */
    public static List<Object> unpackValues(byte[] packed, ClassLoader loader) throws IOException, ClassNotFoundException {
        return ValueCodec.decodeAll(packed, loader);
    }

    /**
     * A loader for the receiving side whose missing classes come from the sender through {@code fetcher}.
     * Keep one per sender (and pool): it defines each class once.
     */
    public static ClassLoader receivingLoader(ClassFetcher fetcher, ClassLoader parent) {
        return new RemoteClassLoader(className -> {
            ClassReply reply;
            try {
                reply = fetcher.fetch(className);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClassNotFoundException(className + ": interrupted while waiting for the sender's bytes");
            } catch (Exception e) {
                throw new ClassNotFoundException(className + ": the sender did not answer: " + e, e);
            }
            return new Message.ClassResponse(0, reply.bytes(), reply.error());
        }, parent);
    }

    /**
     * Sets the cell variables packed with a task by {@link #packTask}, then deserializes the task; may fetch
     * classes through {@code loader}. Call it on the thread that runs the task.
     *
     * @throws IllegalStateException naming a cell variable that could not be set in this JVM
     */
    public static Object unpackTask(byte[] packed, ClassLoader loader) throws IOException, ClassNotFoundException {
        List<Object> parts = ValueCodec.decodeAll(packed, loader);
        if (parts.get(0) instanceof byte[] cellValues) {
            CellValues.apply(cellValues, loader);
        }
        return ValueCodec.deserialize((byte[]) parts.get(1), loader);
    }

    /**
     * Sets the cell variables packed with a task by {@link #packTask}, without unpacking the task: for a receiving
     * side that keeps the unpacked instance of a {@linkplain #isStateless stateless} task. Call it on the thread
     * that runs the task.
     *
     * @throws IllegalStateException naming a cell variable that could not be set in this JVM
     */
    public static void applyCellValues(byte[] packed, ClassLoader loader) throws IOException, ClassNotFoundException {
        if (ValueCodec.decodeAll(packed, loader).get(0) instanceof byte[] cellValues) {
            CellValues.apply(cellValues, loader);
        }
    }

    /**
     * Encodes a task's results to send back.
     *
     * @throws IllegalStateException when a result cannot be serialized, naming the culprit
     */
    public static byte[] packResults(List<?> results) {
        try {
            return ValueCodec.encodeAll(results);
        } catch (UncheckedIOException e) {
            String culprit = SerializationProbe.findCulprit(results);
            throw new IllegalStateException("the task's result cannot be sent back: "
                    + (culprit != null ? culprit : e.getCause()), e.getCause());
        }
    }

    /** Encodes what a task threw, so the sender gets its class, message and stack trace (or a stand-in). */
    public static byte[] packThrowable(Throwable throwable) {
        return ValueCodec.encodeThrowable(throwable);
    }

    /** Decodes {@link #packThrowable}'s bytes; a {@link RemoteTaskException} stands in for unknown classes. */
    public static Throwable unpackThrowable(byte[] packed, ClassLoader loader) {
        return ValueCodec.decodeThrowable(packed, loader);
    }
}
