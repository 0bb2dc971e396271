package io.paralab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads a real sample written by {@code python_peers.py --no-java --only process_spawn,shared_counter}. */
class PythonPeersTest {

    private static String sample() throws IOException {
        return resource("python_peers_sample.json");
    }

    /** Written by {@code python_peers.py --no-java --only cpu_bound_scaling --runs 1} on a loaded machine. */
    private static String cpuSample() throws IOException {
        return resource("python_peers_cpu_sample.json");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PythonPeersTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void workloadsBecomeCompareResultsWithTheRawSamplesInNanoseconds() throws IOException {
        PythonPeers peers = PythonPeers.parse(sample());
        assertEquals(List.of("process_spawn", "shared_counter"), List.copyOf(peers.workloads().keySet()));
        CompareResult counter = peers.workload("shared_counter");
        assertEquals("Value('i') with get_lock(), 4 procs", counter.baseline());
        Measurement lock = counter.variant("threading.Lock, 4 threads");
        assertEquals(5, lock.samplesNanos().size());
        assertEquals(323_240_888L, lock.samplesNanos().get(0));          // 0.323240888 s in the file
        assertEquals(256_649_088, lock.stats().median(), 1);             // the file's median, 0.2566490880000174 s
        assertEquals("4", counter.parameters().get("processes"));
        assertTrue(counter.parameters().get("timed region").startsWith("Value/Box"));
    }

    @Test
    void variantsNamedPrefixOfNBecomeAScalingResult() throws IOException {
        PythonPeers peers = PythonPeers.parse(cpuSample());
        ScalingResult processes = peers.scaling("cpu_bound_scaling", "ProcessPoolExecutor");
        assertEquals(List.of(1, 2, 4), processes.points().stream().map(ScalingPoint::workers).toList());
        CompareResult all = peers.workload("cpu_bound_scaling");
        assertEquals(all.variant("ProcessPoolExecutor(2)").samplesNanos(), processes.point(2).samplesNanos());
        assertEquals(all.variant("ProcessPoolExecutor(1)").stats().median()
                / all.variant("ProcessPoolExecutor(4)").stats().median(), processes.speedup(4), 1e-12);
        assertEquals("sequential", all.baseline());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> peers.scaling("cpu_bound_scaling", "Pool"));
        assertTrue(none.getMessage().contains("is named Pool(n)"), none.getMessage());
    }

    @Test
    void theMachineIsPythons() throws IOException {
        Machine m = PythonPeers.parse(sample()).machine();
        assertEquals("Python", m.runtime());
        assertEquals("3.11.2", m.runtimeVersion());
        assertEquals(2, m.availableProcessors());
        assertEquals("x86_64", m.arch());
        assertEquals("Intel(R) Xeon(R) Processor", m.cpuModel());
    }

    @Test
    void aPeerResultIsAVariantNextToJavaOnes() throws IOException {
        Measurement python = PythonPeers.parse(sample()).workload("shared_counter")
                .variant("threading.Lock, 4 threads");
        CompareResult mixed = Bench.compare("counter").warmup(0).runs(3)
                .variant("Java AtomicLong", () -> new java.util.concurrent.atomic.AtomicLong().incrementAndGet())
                .variant("Python threading.Lock", python)
                .run();
        assertEquals(python.samplesNanos(), mixed.variant("Python threading.Lock").samplesNanos());
        assertTrue(mixed.toString().contains("Python threading.Lock"));
    }

    @Test
    void unknownWorkloadsAndBadFilesGiveClearErrors() throws IOException {
        PythonPeers peers = PythonPeers.parse(sample());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> peers.workload("io_bound"));
        assertTrue(e.getMessage().contains("workloads: process_spawn, shared_counter"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PythonPeers.parse("{}")).getMessage()
                .contains("no 'machine' object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PythonPeers.parse("[1,")).getMessage()
                .contains("not Python peers JSON"));
    }

    @Test
    void failedWorkloadsAreListedWithTheirReason() {
        PythonPeers peers = PythonPeers.parse("""
                {"command": "x", "machine": {"nproc": 2, "platform": "Linux"},
                 "workloads": {"io_bound": {"error": "OSError: port in use"},
                               "memory": {"results": {"thread": {"unit": "KiB", "samples": [11]}}}}}
                """);
        assertEquals(0, peers.workloads().size());
        assertEquals("OSError: port in use", peers.skipped().get("io_bound"));
        assertTrue(peers.skipped().get("memory").contains("no timing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> peers.workload("io_bound")).getMessage()
                .contains("port in use"));
    }
}
