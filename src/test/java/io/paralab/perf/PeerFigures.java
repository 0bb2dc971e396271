package io.paralab.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's medians per (workload, variant): measured now, read from the JSON {@code python_peers.py --out}
 * wrote, or, when the script could not run, the figures recorded in WORKLOADS.md, labelled as such. Also the
 * peers' core probe per workload ({@code cpu_probe_before_after}).
 *
 * <pre>{@code
 * PeerFigures py = PeerFigures.load(Path.of("build/bench/python_peers.json"));
 * py.median("shared_counter", "Value('i') with get_lock(), 4 procs");   // seconds, NaN when missing
 * }</pre>
 *
 * @param source  where the figures come from, e.g. {@code "measured now: build/bench/python_peers.json"}
 * @param medians median by {@code workload + "/" + variant}
 * @param probes  the peers' core probe before/after, by workload
 */
public record PeerFigures(String source, Map<String, Double> medians, Map<String, List<Double>> probes) {

    /** Python's figures from src/test/perf/WORKLOADS.md, for runs where the script is not there. */
    public static PeerFigures recorded() {
        Map<String, Double> m = new HashMap<>();
        m.put("process_pool_tiny_tasks/ProcessPoolExecutor.map chunksize=1", 0.90);
        m.put("process_pool_tiny_tasks/ProcessPoolExecutor.map chunksize=100", 0.015);
        m.put("process_pool_tiny_tasks/Pool.map chunksize=1", 0.23);
        m.put("process_pool_tiny_tasks/Pool.map chunksize=100", 0.0075);
        m.put("process_pool_tiny_tasks/Pool(2) startup [spawn]", 0.068);
        m.put("process_pool_tiny_tasks/Pool(2) shutdown [spawn]", 0.012);
        m.put("process_spawn/Process start+Pipe result+join [spawn]", 0.046);
        m.put("cpu_bound_scaling/sequential", 0.23);
        m.put("cpu_bound_scaling/ProcessPoolExecutor(2)", 0.14);
        m.put("io_bound/ThreadPoolExecutor(10) urllib", 0.51);
        m.put("io_bound/ThreadPoolExecutor(50) urllib", 0.117);
        m.put("shared_counter/Value('i') with get_lock(), 4 procs", 0.38);
        m.put("shared_counter/threading.Lock, 4 threads", 0.154);
        m.put("queue_throughput/multiprocessing.Queue, producer proc -> consumer proc", 0.47);
        m.put("thread_vs_process_creation/1000 threads", 0.084);
        m.put("thread_vs_process_creation/20 processes [spawn]", 0.86);
        m.put("memory/idle child process [spawn] VmRSS", 16.0);
        m.put("memory/idle child process [spawn] Private", 9.8);
        m.put("memory/idle thread (parent delta / 50 threads) VmRSS", 11.0);
        return new PeerFigures("recorded in WORKLOADS.md, NOT measured now", m, Map.of());
    }

    /** Reads the medians of every result in a {@code python_peers.py --out} file, whatever its unit. */
    public static PeerFigures load(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        Map<String, Double> medians = new HashMap<>();
        Map<String, List<Double>> probes = new HashMap<>();
        root.path("workloads").properties().forEach(workload -> {
            workload.getValue().path("results").properties().forEach(result -> {
                JsonNode median = result.getValue().path("median");
                if (median.isNumber()) {
                    medians.put(workload.getKey() + "/" + result.getKey(), median.asDouble());
                }
            });
            JsonNode probe = workload.getValue().path("cpu_probe_before_after");
            if (probe.isArray()) {
                List<Double> values = new ArrayList<>();
                probe.forEach(value -> values.add(value.asDouble()));
                probes.put(workload.getKey(), values);
            }
        });
        return new PeerFigures("measured now: " + file, medians, probes);
    }

    /** The median of that result (seconds, MiB or KiB as the peers record it), NaN when missing. */
    public double median(String workload, String variant) {
        if (workload == null || variant == null) {
            return Double.NaN;
        }
        return medians.getOrDefault(workload + "/" + variant, Double.NaN);
    }
}
