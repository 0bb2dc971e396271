package io.paralab.lesson;

import java.util.Objects;

/**
 * How big a notebook's measurements are: {@link #QUICK} sizes take seconds (the test suite runs every
 * notebook so), {@link #FULL} sizes give steadier figures. A notebook's parameters cell picks every size
 * from it, so changing one word there and re-running the cells below changes the whole notebook.
 *
 * <pre>{@code
 * RunSize SIZE = RunSize.fromEnvironment();   // write RunSize.QUICK or RunSize.FULL to choose yourself
 * int DOWNLOADS = SIZE.pick(20, 50);          // 20 in quick mode, 50 in full mode
 * }</pre>
 */
public enum RunSize {
    /** Small sizes: every notebook runs in well under a minute. */
    QUICK,
    /** The sizes the notebooks are written for. */
    FULL;

    /** The environment variable that selects {@link #QUICK} when it is {@code 1}. */
    public static final String ENVIRONMENT_VARIABLE = "PARALAB_QUICK";

    /**
     * The size the environment asks for.
     *
     * @return {@link #QUICK} when {@value #ENVIRONMENT_VARIABLE} is {@code 1} (as the test suite sets it), else
     *         {@link #FULL}
     */
    public static RunSize fromEnvironment() {
        return "1".equals(System.getenv(ENVIRONMENT_VARIABLE)) ? QUICK : FULL;
    }

    /**
     * Picks the value for this size.
     *
     * @param quick the value in quick mode
     * @param full  the value in full mode
     * @return {@code quick} in quick mode, {@code full} in full mode
     */
    public int pick(int quick, int full) {
        return this == QUICK ? quick : full;
    }

    /**
     * Picks the value for this size.
     *
     * @param quick the value in quick mode
     * @param full  the value in full mode
     * @return {@code quick} in quick mode, {@code full} in full mode
     */
    public long pick(long quick, long full) {
        return this == QUICK ? quick : full;
    }

    /**
     * Picks the value for this size, e.g. one of two {@code Duration}s.
     *
     * @param quick the value in quick mode
     * @param full  the value in full mode
     * @param <T>   the values' type
     * @return {@code quick} in quick mode, {@code full} in full mode
     * @throws NullPointerException when the value picked is null
     */
    public <T> T pick(T quick, T full) {
        return Objects.requireNonNull(this == QUICK ? quick : full, "the value picked");
    }

    /**
     * The size in words, for a notebook's text.
     *
     * @return {@code "quick mode"} or {@code "full mode"}
     */
    public String label() {
        return this == QUICK ? "quick mode" : "full mode";
    }
}
