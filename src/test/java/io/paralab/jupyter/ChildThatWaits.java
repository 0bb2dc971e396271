package io.paralab.jupyter;

import java.io.IOException;

/** A child process for tests: prints "ready", then waits until its stdin is closed. */
public final class ChildThatWaits {

    private ChildThatWaits() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for end of input
        }
    }
}
