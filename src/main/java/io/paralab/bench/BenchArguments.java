package io.paralab.bench;

/** Checks the counts given to the bench builders, with messages that name the bad value. */
final class BenchArguments {

    private BenchArguments() {
    }

    static int atLeast(int minimum, int value, String what) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }
}
