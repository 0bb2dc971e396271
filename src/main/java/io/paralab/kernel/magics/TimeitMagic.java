package io.paralab.kernel.magics;

import io.paralab.format.TimeFormat;

import io.paralab.kernel.execution.CellFailure;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code %timeit [-n LOOPS] [-r RUNS] CODE} and {@code %%timeit}: compiles the code once into a lambda, then times
 * {@code RUNS} runs (default 7) of {@code LOOPS} calls each and prints IPython's line, e.g.
 * {@code 1.23 µs ± 45.6 ns per loop (mean ± std. dev. of 7 runs, 100,000 loops each)}. Without {@code -n} the loop
 * count is the first power of ten whose run takes at least 0.2 s, as in IPython.
 *
 * <pre>{@code
 * %timeit fib(20)
 * %timeit -n 10 -r 3 list.sort(null)
 * }</pre>
 */
public final class TimeitMagic implements LineMagic<Void, BaseKernel>, CellMagic<Void, BaseKernel> {

    static final int DEFAULT_RUNS = 7;
    private static final double AUTO_MIN_SECONDS = 0.2;

    /** Parsed arguments: loops 0 means "choose automatically". */
    record Options(int loops, int runs, String code) {
    }

    private final Function<String, Object> evaluator;

    /** @param evaluator evaluates cell code and returns its value (the kernel's {@code evalRaw}) */
    public TimeitMagic(Function<String, Object> evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Void eval(BaseKernel kernel, List<String> args) {
        run(parse(String.join(" ", args), null));
        return null;
    }

    @Override
    public Void eval(BaseKernel kernel, List<String> args, String body) {
        run(parse(String.join(" ", args), body));
        return null;
    }

    /**
     * Parses leading {@code -n N} and {@code -r R} options; what follows them is the code, kept verbatim, unless
     * {@code body} (the cell of {@code %%timeit}) is given.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static Options parse(String argsText, String body) {
        int loops = 0;
        int runs = DEFAULT_RUNS;
        String rest = argsText.strip();
        while (rest.matches("(?s)-[A-Za-z].*")) {
            String[] parts = rest.split("\\s+", 3);
            String option = parts[0];
            if (!option.equals("-n") && !option.equals("-r")) {
                throw new IllegalArgumentException("%timeit: unknown option " + option + " (known: -n LOOPS, -r RUNS)");
            }
            if (parts.length < 2) {
                throw new IllegalArgumentException("%timeit: " + option + " needs a positive number");
            }
            int value = positive(option, parts[1]);
            if (option.equals("-n")) {
                loops = value;
            } else {
                runs = value;
            }
            rest = parts.length > 2 ? parts[2] : "";
        }
        if (body != null && !rest.isEmpty()) {
            throw new IllegalArgumentException("%%timeit: unexpected argument '" + rest + "'");
        }
        String code = body != null ? body : rest;
        if (code.isBlank()) {
            throw new IllegalArgumentException("%timeit needs code to time, e.g. %timeit fib(20)");
        }
        return new Options(loops, runs, code);
    }

    private static int positive(String option, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("%timeit: " + option + " needs a positive number, got '" + text + "'");
    }

    private void run(Options options) {
        TimedCode code = compile(options.code());
        int loops = options.loops();
        if (loops == 0) {
            for (loops = 1; loops < 1_000_000_000; loops *= 10) {
                if (timeLoops(code, loops) >= AUTO_MIN_SECONDS * 1e9) {
                    break;
                }
            }
        }
        List<Double> perLoop = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            perLoop.add(timeLoops(code, loops) / 1e9 / loops);
        }
        System.out.println(report(perLoop, loops));
    }

    /**
     * Cell code compiled once for timing: a lambda that may throw what the code throws, so checked exceptions
     * ({@code Thread.sleep}) compile here as they do in {@code %time}. Public because cell code implements it.
     */
    @FunctionalInterface
    public interface TimedCode {
        /** Runs the timed code once. */
        void run() throws Throwable;
    }

    /** An expression, compiled for timing; its value is discarded. */
    @FunctionalInterface
    public interface TimedExpression {
        /** Evaluates the timed expression once. */
        Object get() throws Throwable;
    }

    private TimedCode compile(String code) {
        try {
            TimedExpression expression = (TimedExpression) evaluator.apply(
                    "(" + TimedExpression.class.getCanonicalName() + ") () -> (" + code + ")");
            return expression::get;
        } catch (CellFailure notAnExpression) {
            return (TimedCode) evaluator.apply("(" + TimedCode.class.getCanonicalName() + ") () -> {\n" + code + "\n;}");
        }
    }

    private static long timeLoops(TimedCode code, int loops) {
        long start = System.nanoTime();
        try {
            for (int i = 0; i < loops; i++) {
                code.run();
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new UndeclaredThrowableException(checked, "the timed code threw " + checked);
        }
        return System.nanoTime() - start;
    }

    /** IPython's summary line for per-loop times in seconds. */
    static String report(List<Double> perLoopSeconds, int loops) {
        double mean = perLoopSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = perLoopSeconds.stream().mapToDouble(t -> (t - mean) * (t - mean)).average().orElse(0);
        int runs = perLoopSeconds.size();
        return TimeFormat.seconds(mean) + " ± " + TimeFormat.seconds(Math.sqrt(variance)) + " per loop (mean ± std. dev. of "
                + runs + " run" + (runs == 1 ? "" : "s") + ", " + String.format(Locale.ROOT, "%,d", loops)
                + " loop" + (loops == 1 ? "" : "s") + " each)";
    }
}
