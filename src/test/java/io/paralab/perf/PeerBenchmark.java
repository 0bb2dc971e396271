package io.paralab.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.paralab.bench.Machine;
import io.paralab.bench.Stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark against Python's tools: runs {@code python_peers.py} on the same
 * workloads, then the Java side of workloads 1–8 of src/test/perf/WORKLOADS.md, and prints one Markdown table (Java median
 * with its range, Python median, ratio, target, met?) and writes everything as JSON under {@code build/bench/}.
 * The effective core count is probed before and after every Java workload and saved with it.
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * $JAVA_HOME/bin/java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.paralab.perf.PeerBenchmark [--runs 10] [--only 1,1b,2,3,4,5,6,7,8] [--peers PATH/python_peers.py]
 * </pre>
 * or {@code src/test/perf/run-peer-benchmark.sh [same options]}. Without the peers script (default
 * {@code ../shared/peers/python_peers.py}), Python's figures recorded in src/test/perf/WORKLOADS.md are shown, labelled
 * "recorded, not measured now".
 */
public final class PeerBenchmark {

    /** Warm-up rounds where the JIT matters. */
    static final int WARM_UP = 20;

    private static final List<String> ALL = List.of("1", "1b", "2", "3", "4", "5", "6", "7", "8");
    private static final Map<String, String> PYTHON_WORKLOAD = Map.of("1", "process_pool_tiny_tasks",
            "1b", "process_pool_tiny_tasks", "2", "process_spawn", "3", "cpu_bound_scaling", "4", "io_bound",
            "5", "shared_counter", "6", "queue_throughput", "7", "thread_vs_process_creation", "8", "memory");
    private static final Path OUT = Path.of("build", "bench");

    private PeerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(OUT);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("command", "io.paralab.perf.PeerBenchmark " + String.join(" ", args));
        report.put("startedUtc", Instant.now().toString());
        report.put("machine", Machine.current());
        report.put("loadAverageAtStart", loadAverage());
        System.out.println("load average at start: " + loadAverage() + "; Java effective cores now: "
                + CoreProbe.effectiveCores());

        PeerFigures python = runPython(options);
        report.put("python", Map.of("source", python.source(), "coreProbeBeforeAfter", python.probes()));

        List<Row> rows = new ArrayList<>();
        Map<String, List<Double>> probes = new LinkedHashMap<>();
        for (String workload : options.only()) {
            double before = CoreProbe.effectiveCores();
            System.err.println("... Java workload " + workload + " (effective cores " + before + ")");
            rows.addAll(run(workload, options));
            double after = CoreProbe.effectiveCores();
            probes.put(workload, List.of(before, after));
        }
        report.put("javaCoreProbeBeforeAfter", probes);
        report.put("loadAverageAtEnd", loadAverage());
        List<Map<String, Object>> table = new ArrayList<>();
        for (Row row : rows) {
            table.add(json(row, python));
        }
        report.put("rows", table);

        String markdown = ComparisonTable.markdown(rows, python, probes);
        System.out.println();
        System.out.println(markdown);
        System.out.println("load average at end: " + loadAverage());
        Files.writeString(OUT.resolve("peer-comparison.md"), markdown);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(OUT.resolve("peer-comparison.json").toFile(), report);
        System.out.println("JSON: " + OUT.resolve("peer-comparison.json") + ", table: " + OUT.resolve("peer-comparison.md")
                + (python.source().startsWith("measured") ? ", Python: " + OUT.resolve("python_peers.json") : ""));
    }

    private static List<Row> run(String workload, Options options) throws Exception {
        int runs = options.runs();
        return switch (workload) {
            case "1" -> PoolWorkloads.tinyTasks(runs);
            case "1b" -> PoolWorkloads.poolStartAndShutdown(runs);
            case "2" -> PoolWorkloads.childStart(runs);
            case "3" -> PrimesWorkload.run(runs);
            case "4" -> DownloadWorkload.run(options.peers(), runs);
            case "5" -> SharedMemoryWorkloads.counter(runs);
            case "6" -> SharedMemoryWorkloads.queue(runs);
            case "7" -> CreationWorkload.run(runs);
            case "8" -> MemoryWorkload.run(Math.max(3, runs / 2));
            default -> throw new IllegalArgumentException("no workload " + workload + "; workloads: " + ALL);
        };
    }

    /** Runs the Python peers on the selected workloads, or falls back to the recorded figures. */
    private static PeerFigures runPython(Options options) throws IOException, InterruptedException {
        if (options.peers() == null) {
            System.out.println("Python peers script not found: Python figures are RECORDED in src/test/perf/WORKLOADS.md, NOT measured now");
            return PeerFigures.recorded();
        }
        Set<String> names = new LinkedHashSet<>();
        options.only().forEach(w -> names.add(PYTHON_WORKLOAD.get(w)));
        Path json = OUT.resolve("python_peers.json");
        Path log = OUT.resolve("python_peers.log");
        List<String> command = List.of("/usr/bin/python3", options.peers().toString(), "--only", String.join(",", names),
                "--no-java", "--runs", Integer.toString(Math.max(5, options.runs())), "--out", json.toString());
        System.out.println("running " + String.join(" ", command) + " (log: " + log + ")");
        Files.deleteIfExists(json);
        Process python = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!python.waitFor(30, TimeUnit.MINUTES) || python.exitValue() != 0 || !Files.exists(json)) {
                System.out.println("the Python peers failed (see " + log + "): Python figures are RECORDED in "
                        + "WORKLOADS.md, NOT measured now");
                return PeerFigures.recorded();
            }
        } finally {
            python.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return PeerFigures.load(json);
    }

    private static Map<String, Object> json(Row row, PeerFigures python) {
        Stats java = row.java();
        double py = python.median(row.pythonWorkload(), row.pythonVariant());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workload", row.workload());
        out.put("variant", row.variant());
        out.put("unit", row.unit().name());
        out.put("java", java);
        out.put("samples", row.samples());
        out.put("pythonWorkload", row.pythonWorkload());
        out.put("pythonVariant", row.pythonVariant());
        out.put("pythonMedian", Double.isNaN(py) ? null : py);
        out.put("pythonOverJava", row.comparable(py) ? py / java.median() : null);
        out.put("target", row.target().text());
        out.put("met", row.target().met(java.median(), py));
        return out;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Fails the benchmark when a workload's result is wrong: a fast wrong answer is no figure. */
    static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException("wrong result: " + failure);
        }
    }

    /** Command-line options. */
    record Options(int runs, List<String> only, Path peers) {

        static Options parse(String[] args) {
            int runs = 10;
            List<String> only = ALL;
            Path peers = Path.of("..", "shared", "peers", "python_peers.py");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(required(args[i], value));
                    case "--only" -> only = List.of(required(args[i], value).split(","));
                    case "--peers" -> peers = Path.of(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --runs N, --only " + String.join(",", ALL) + ", --peers PATH/python_peers.py");
                }
                i++;
            }
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1, was " + runs);
            }
            for (String workload : only) {
                if (!ALL.contains(workload)) {
                    throw new IllegalArgumentException("no workload " + workload + "; workloads: " + String.join(",", ALL));
                }
            }
            return new Options(runs, only, Files.isRegularFile(peers) ? peers.toAbsolutePath().normalize() : null);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
