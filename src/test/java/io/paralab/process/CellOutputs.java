package io.paralab.process;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The kernel's routing of {@code System.out}, simulated: an inheritable "which cell" context, and a
 * {@code System.out} that files every byte under the printing thread's cell ("no cell" outside one).
 *
 * <pre>{@code
 * CellOutputs outputs = CellOutputs.install();
 * try {
 *     CellOutputs.inCell("cell-2", () -> pool.submit(() -> System.out.println("hi")).get());
 * } finally {
 *     outputs.uninstall();
 * }
 * assertEquals("hi" + System.lineSeparator(), outputs.of("cell-2"));
 * }</pre>
 */
public final class CellOutputs extends OutputStream {

    /** A cell's code. */
    public interface Block {
        void run() throws Exception;
    }

    private static final InheritableThreadLocal<String> CELL = new InheritableThreadLocal<>();

    private final Map<String, ByteArrayOutputStream> byCell = new ConcurrentHashMap<>();
    private final PrintStream original;

    private CellOutputs(PrintStream original) {
        this.original = original;
    }

    /** Makes {@code System.out} file output by cell until {@link #uninstall()}. */
    public static CellOutputs install() {
        CellOutputs outputs = new CellOutputs(System.out);
        System.setOut(new PrintStream(outputs, true));
        return outputs;
    }

    /** Puts back the {@code System.out} there was before {@link #install()}. */
    public void uninstall() {
        System.setOut(original);
    }

    /** Runs {@code block} as the cell {@code cell} would: on a thread of its own that carries the cell's name. */
    public static void inCell(String cell, Block block) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            CELL.set(cell);
            try {
                block.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(120));
        assertFalse(thread.isAlive(), "the cell finished");
        if (failure.get() != null) {
            fail(failure.get());
        }
    }

    /** What was printed under {@code cell} so far. */
    public String of(String cell) {
        ByteArrayOutputStream bytes = byCell.get(cell);
        return bytes == null ? "" : bytes.toString();
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        String cell = CELL.get() == null ? "no cell" : CELL.get();
        byCell.computeIfAbsent(cell, k -> new ByteArrayOutputStream()).write(b, off, len);
    }
}
