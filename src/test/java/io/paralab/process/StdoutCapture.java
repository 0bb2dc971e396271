package io.paralab.process;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Captures what a block prints to {@code System.out}, as the kernel's per-cell streams would. */
final class StdoutCapture {

    interface Block {
        void run() throws Exception;
    }

    private StdoutCapture() {
    }

    static synchronized String of(Block block) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true));
        try {
            block.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString();
    }
}
