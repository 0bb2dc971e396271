package io.paralab.process;

import java.util.List;
import java.util.stream.IntStream;

/** Manual probe: java -cp ... io.paralab.process.TinyTasksProbe */
public class TinyTasksProbe {
    public static void main(String[] args) throws Exception {
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        long t0 = System.nanoTime();
        try (ProcessPool pool = ProcessPool.of(2)) {
            System.out.printf("start %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            for (int r = 0; r < 15; r++) {
                long s = System.nanoTime();
                pool.map(x -> x * x, items);
                System.out.printf("map %.1f ms%n", (System.nanoTime() - s) / 1e6);
            }
        }
        for (int r = 0; r < 5; r++) {
            long s = System.nanoTime();
            try (JvmProcess<Integer> p = JvmProcess.start(() -> 42)) {
                p.result();
            }
            System.out.printf("jvmprocess %.1f ms%n", (System.nanoTime() - s) / 1e6);
        }
    }
}
