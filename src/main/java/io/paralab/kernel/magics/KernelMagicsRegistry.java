package io.paralab.kernel.magics;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel's magics registry: an unknown or misspelled magic fails with one line that names it and the closest
 * known magic ({@code unknown line magic %mavn: did you mean %maven?}), which the kernel shows without a stack trace.
 *
 * <pre>{@code
 * MagicsRegistry registry = new KernelMagicsRegistry();
 * }</pre>
 */
public final class KernelMagicsRegistry extends MagicsRegistry {

    @Override
    public <T, K extends BaseKernel> T evalLineMagic(K kernel, String name, List<String> args) throws Exception {
        if (!getLineMagicNames().contains(name)) {
            throw unknown(name, true);
        }
        return super.evalLineMagic(kernel, name, args);
    }

    @Override
    public <T, K extends BaseKernel> T evalCellMagic(K kernel, String name, List<String> args, String body)
            throws Exception {
        if (!getCellMagicNames().contains(name)) {
            throw unknown(name, false);
        }
        return super.evalCellMagic(kernel, name, args, body);
    }

    private UndefinedMagicException unknown(String name, boolean line) {
        String prefix = line ? "%" : "%%";
        Set<String> known = line ? getLineMagicNames() : getCellMagicNames();
        String hint = closest(name, known).map(c -> ": did you mean " + prefix + c + "?")
                .orElse(" (%lsmagic lists the magics)");
        return new UnknownMagicException(name, line, "unknown " + (line ? "line" : "cell") + " magic " + prefix + name + hint);
    }

    /** The known name nearest to {@code name} (edit distance, case ignored), if it is near enough to be a typo. */
    static Optional<String> closest(String name, Set<String> known) {
        record Candidate(String name, int distance) {
        }
        return known.stream()
                .map(k -> new Candidate(k, distance(name.toLowerCase(), k.toLowerCase())))
                .filter(c -> c.distance() <= Math.max(2, name.length() / 3))
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .map(Candidate::name);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** An unknown magic, with a message that suggests the closest known one. */
    static final class UnknownMagicException extends UndefinedMagicException {
        private static final long serialVersionUID = 1L;
        private final String message;

        UnknownMagicException(String name, boolean line, String message) {
            super(name, line);
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
