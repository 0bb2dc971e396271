package io.paralab.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python peers' measurements ({@code python_peers.py --out FILE}) as ParaLab results: each workload
 * becomes a {@link CompareResult} whose variants are the Python tools measured, with the raw samples, so a
 * notebook can show them next to its own figures.
 *
 * <p>Only timings (unit {@code "s"}) are read; they become nanoseconds. The first variant of each workload
 * is its baseline. The workload's {@code params} and {@code timed_region} become the result's parameters.
 * Workloads that failed, were skipped, or hold no timing are listed in {@link #skipped()} with the reason.
 *
 * <pre>{@code
 * PythonPeers peers = PythonPeers.load(Path.of("python_peers.json"));
 * Measurement pyLock = peers.workload("shared_counter").variant("threading.Lock, 4 threads");
 * Bench.compare("counter").variant("Python threading.Lock", pyLock).variant("Java synchronized", ...).run();
 * }</pre>
 *
 * @param command   the command line that produced the file
 * @param machine   where Python ran
 * @param workloads timed workloads by name, in file order
 * @param skipped   workloads not read, by name, with the reason
 */
public record PythonPeers(String command, Machine machine, Map<String, CompareResult> workloads,
                          Map<String, String> skipped) {

    private static final Pattern ARCH = Pattern.compile("(x86_64|aarch64|arm64|i[3-6]86|ppc64le|s390x|riscv64)");

    /** Copies the maps, keeping their order. */
    public PythonPeers {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(machine, "machine");
        workloads = Collections.unmodifiableMap(new LinkedHashMap<>(workloads));
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** Reads a file written by {@code python_peers.py --out FILE}. */
    public static PythonPeers load(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the JSON text {@code python_peers.py} writes.
     *
     * @throws IllegalArgumentException when the text is not JSON or lacks the machine or workloads
     */
    public static PythonPeers parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not Python peers JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode machineNode = required(root, "machine");
        JsonNode workloadsNode = required(root, "workloads");
        Machine machine = machine(machineNode);
        String startedAt = root.path("started_utc").asText("unknown");
        Map<String, CompareResult> workloads = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : workloadsNode.properties()) {
            String name = entry.getKey();
            JsonNode workload = entry.getValue();
            if (workload.has("error") || workload.has("skipped")) {
                skipped.put(name, workload.has("error") ? workload.get("error").asText()
                        : workload.get("skipped").asText());
                continue;
            }
            List<Measurement> variants = timings(workload.path("results"));
            if (variants.isEmpty()) {
                skipped.put(name, "no timing in seconds among its results");
                continue;
            }
            workloads.put(name, new CompareResult("Python: " + name, variants.get(0).name(), variants,
                    parameters(workload), machine, startedAt));
        }
        return new PythonPeers(root.path("command").asText("unknown"), machine, workloads, skipped);
    }

    /**
     * The named workload, e.g. {@code "shared_counter"}.
     *
     * @throws IllegalArgumentException naming the workloads there are, or why this one was skipped
     */
    public CompareResult workload(String name) {
        CompareResult result = workloads.get(name);
        if (result == null) {
            throw new IllegalArgumentException(skipped.containsKey(name)
                    ? "workload '" + name + "' was not read: " + skipped.get(name)
                    : "no workload '" + name + "'; workloads: " + String.join(", ", workloads.keySet()));
        }
        return result;
    }

    /**
     * A workload's variants named {@code prefix(n)}, e.g. {@code ProcessPoolExecutor(1)},
     * {@code ProcessPoolExecutor(2)}, ..., as a scaling result over n, so Python's speed-up can be drawn like
     * Java's.
     *
     * <pre>{@code
     * ScalingResult py = peers.scaling("cpu_bound_scaling", "ProcessPoolExecutor");
     * }</pre>
     *
     * @throws IllegalArgumentException when the workload is missing, no variant has that form, or there is
     *                                  no 1-worker variant
     */
    public ScalingResult scaling(String workload, String variantPrefix) {
        CompareResult result = workload(workload);
        Pattern form = Pattern.compile(Pattern.quote(variantPrefix) + "\\((\\d+)\\)");
        List<ScalingPoint> points = new ArrayList<>();
        for (Measurement variant : result.variants()) {
            Matcher matcher = form.matcher(variant.name());
            if (matcher.matches()) {
                points.add(new ScalingPoint(Integer.parseInt(matcher.group(1)), variant.samplesNanos()));
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no variant of '" + workload + "' is named " + variantPrefix
                    + "(n); variants: " + String.join(", ", result.variants().stream().map(Measurement::name).toList()));
        }
        return new ScalingResult("Python: " + workload + ", " + variantPrefix + "(n)", points, result.parameters(),
                result.machine(), result.measuredAt());
    }

    private static List<Measurement> timings(JsonNode results) {
        List<Measurement> variants = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : results.properties()) {
            JsonNode result = entry.getValue();
            if (!"s".equals(result.path("unit").asText()) || !result.path("samples").isArray()) {
                continue;
            }
            List<Long> nanos = new ArrayList<>();
            for (JsonNode sample : result.get("samples")) {
                nanos.add(Math.round(sample.asDouble() * 1e9));
            }
            if (!nanos.isEmpty()) {
                variants.add(new Measurement(entry.getKey(), nanos));
            }
        }
        return variants;
    }

    private static Map<String, String> parameters(JsonNode workload) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> param : workload.path("params").properties()) {
            JsonNode value = param.getValue();
            parameters.put(param.getKey(), value.isTextual() ? value.asText() : value.toString());
        }
        if (workload.has("timed_region")) {
            parameters.put("timed region", workload.get("timed_region").asText());
        }
        return parameters;
    }

    private static Machine machine(JsonNode node) {
        int available = node.path("sched_getaffinity").asInt(node.path("nproc").asInt(0));
        List<String> models = new ArrayList<>();
        node.path("cpu_model").forEach(model -> models.add(model.asText()));
        String platform = node.path("platform").asText("unknown");
        Matcher arch = ARCH.matcher(platform);
        String version = node.path("python_version").asText("unknown").split(" ", 2)[0];
        return new Machine(available, node.path("os.cpu_count").asInt(0),
                models.isEmpty() ? "unknown" : String.join(" / ", models), "Python", version, "unknown",
                platform, arch.find() ? arch.group(1) : "unknown");
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (!node.isObject()) {
            throw new IllegalArgumentException("not Python peers JSON: no '" + field + "' object");
        }
        return node;
    }
}
