package io.paralab.process;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A one-shot signal between processes of a test, as a file: one side {@link #fire(String)}s it (writing a
 * value), the other {@link #await(Duration)}s it with a deadline. Serializable, so a task can carry it.
 */
record FileSignal(String path) implements Serializable {

    static FileSignal in(Path dir, String name) {
        return new FileSignal(dir.resolve(name).toString());
    }

    void fire(String value) {
        try {
            Path tmp = Path.of(path + ".tmp");
            Files.writeString(tmp, value);
            Files.move(tmp, Path.of(path), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean fired() {
        return Files.exists(Path.of(path));
    }

    /** Waits for the signal and returns its value; fails after the deadline. */
    String await(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (!fired()) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("signal " + path + " not fired within " + deadline);
                }
                Thread.onSpinWait();
                Thread.sleep(1);   // polling a file: the only wait primitive two JVMs share here
            }
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + path, e);
        }
    }
}
