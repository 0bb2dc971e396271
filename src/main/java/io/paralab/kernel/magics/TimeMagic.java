package io.paralab.kernel.magics;

import io.paralab.format.TimeFormat;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.util.List;
import java.util.function.Function;

/**
 * {@code %time CODE} and {@code %%time}: runs the code once and prints, as IPython does, the CPU time of the whole
 * process tree (all kernel threads and the child processes waited for, see {@link ProcessCpuTime}) and the wall
 * time, e.g. {@code CPU times: user 1.2 s, sys: 30 ms, total: 1.23 s} / {@code Wall time: 650 ms}.
 *
 * <pre>{@code
 * %time fib(30)
 * }</pre>
 */
public final class TimeMagic implements LineMagic<Object, BaseKernel>, CellMagic<Object, BaseKernel> {

    private final Function<String, Object> evaluator;

    /** @param evaluator evaluates cell code and returns its value (the kernel's {@code evalRaw}) */
    public TimeMagic(Function<String, Object> evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Object eval(BaseKernel kernel, List<String> args) {
        String code = String.join(" ", args);
        if (code.isBlank()) {
            throw new IllegalArgumentException("%time needs code to time, e.g. %time fib(30)");
        }
        return time(code);
    }

    @Override
    public Object eval(BaseKernel kernel, List<String> args, String body) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("%%time takes no arguments, got " + args);
        }
        return time(body);
    }

    private Object time(String code) {
        ProcessCpuTime cpuBefore = ProcessCpuTime.now();
        long wallBefore = System.nanoTime();
        try {
            return evaluator.apply(code);
        } finally {
            long wall = System.nanoTime() - wallBefore;
            System.out.println(report(ProcessCpuTime.now().minus(cpuBefore), wall));
        }
    }

    /** The two lines IPython prints. */
    static String report(ProcessCpuTime cpu, long wallNanos) {
        return "CPU times: user " + TimeFormat.format(cpu.userNanos()) + ", sys: " + TimeFormat.format(cpu.systemNanos())
                + ", total: " + TimeFormat.format(cpu.totalNanos()) + "\nWall time: " + TimeFormat.format(wallNanos);
    }
}
