package io.paralab.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link PythonOriginal} measured: per name the timed runs ({@link #measurement(String)}) and the last
 * value the work returned ({@link #result(String)}), or — when it did not run — why ({@link #skipReason()}).
 * Shown as one line.
 *
 * <pre>{@code
 * PythonRun py = PythonOriginal.inline("primes", source).args(limit).run();
 * if (py.ran()) {
 *     Measurement threads = py.measurement("threads(2)");
 *     Object total = py.result("threads(2)");                 // e.g. 17984 (a Long)
 *     ScalingResult scaling = py.scaling("processes", "Python processes");
 * }
 * }</pre>
 */
public final class PythonRun {

    private final String script;
    private final String python;
    private final String version;
    private final Map<String, Measurement> measurements;
    private final Map<String, Object> results;
    private final String skipReason;
    private final String output;

    private PythonRun(String script, String python, String version, Map<String, Measurement> measurements,
                      Map<String, Object> results, String skipReason, String output) {
        this.script = script;
        this.python = python;
        this.version = version;
        this.measurements = Collections.unmodifiableMap(measurements);
        this.results = Collections.unmodifiableMap(results);
        this.skipReason = skipReason;
        this.output = output;
    }

    static PythonRun skipped(String script, String reason) {
        return new PythonRun(script, "", "", Map.of(), Map.of(), reason, "");
    }

    /**
     * Reads the JSON {@code paralab_timing} writes.
     *
     * @throws IllegalArgumentException when it is not that JSON
     */
    static PythonRun parse(String script, String python, String json, String output) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the Python original '" + script + "' wrote no timing JSON: "
                    + e.getOriginalMessage(), e);
        }
        Map<String, Measurement> measurements = new LinkedHashMap<>();
        Map<String, Object> results = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("results").properties()) {
            List<Long> nanos = new ArrayList<>();
            entry.getValue().path("seconds").forEach(s -> nanos.add(Math.round(s.asDouble() * 1e9)));
            if (nanos.isEmpty()) {
                throw new IllegalArgumentException("the Python original '" + script + "' recorded '" + entry.getKey()
                        + "' with no timing");
            }
            measurements.put(entry.getKey(), new Measurement(entry.getKey(), nanos));
            results.put(entry.getKey(), value(entry.getValue().path("result")));
        }
        return new PythonRun(script, python, root.path("python").asText("unknown"), measurements, results, null,
                output);
    }

    /** Whether the script ran; when not, {@link #skipReason()} says why. */
    public boolean ran() {
        return skipReason == null;
    }

    /** Why the script did not run, e.g. {@code "module aiohttp is missing in /usr/bin/python3 (...)"}. */
    public Optional<String> skipReason() {
        return Optional.ofNullable(skipReason);
    }

    /** The Python version that ran it, e.g. {@code "3.11.2"}. */
    public String version() {
        requireRan();
        return version;
    }

    /** What the script printed (stdout and stderr). */
    public String output() {
        return output;
    }

    /** The names it recorded timings under, in the order it recorded them. */
    public List<String> names() {
        return List.copyOf(measurements.keySet());
    }

    /**
     * The timed runs recorded under {@code name}, named {@code "Python " + name}.
     *
     * @throws IllegalStateException    when the script did not run
     * @throws IllegalArgumentException naming the recorded names, when there is none of that name
     */
    public Measurement measurement(String name) {
        requireRan();
        Measurement m = measurements.get(name);
        if (m == null) {
            throw new IllegalArgumentException("the Python original '" + script + "' recorded no '" + name
                    + "'; it recorded: " + String.join(", ", measurements.keySet()));
        }
        return m.named("Python " + name);
    }

    /**
     * The last value the work recorded under {@code name} returned: a {@code Long}, {@code Double},
     * {@code String}, {@code Boolean}, {@code List} or {@code Map}, or null.
     */
    public Object result(String name) {
        measurement(name);
        return results.get(name);
    }

    /**
     * The names {@code prefix(n)} — e.g. {@code processes(1)}, {@code processes(2)} — as a scaling result
     * over n workers that compete for the cores, so Python's speed-up draws like Java's.
     *
     * @param prefix the name before {@code (n)}
     * @param title  the result's title, e.g. {@code "Python processes"}
     * @throws IllegalArgumentException when no name has that form or none has n = 1
     */
    public ScalingResult scaling(String prefix, String title) {
        return scaling(prefix, title, ScalingResult.WORKERS);
    }

    /**
     * The names {@code prefix(n)} as a scaling result over n of what {@code varied} names, e.g. permits of a
     * semaphore: {@code py.scaling("permits", "Python threading.Semaphore", "permits")}. Its table and chart name
     * the axis {@code varied}; only {@value ScalingResult#WORKERS} marks the core count.
     *
     * @param prefix the name before {@code (n)}
     * @param title  the result's title
     * @param varied what n counts, as {@link ScalingResult#varied()}
     * @throws IllegalArgumentException when no name has that form or none has n = 1
     */
    public ScalingResult scaling(String prefix, String title, String varied) {
        requireRan();
        Pattern form = Pattern.compile(Pattern.quote(prefix) + "\\((\\d+)\\)");
        List<ScalingPoint> points = new ArrayList<>();
        measurements.forEach((name, m) -> {
            Matcher matcher = form.matcher(name);
            if (matcher.matches()) {
                points.add(new ScalingPoint(Integer.parseInt(matcher.group(1)), m.samplesNanos()));
            }
        });
        if (points.isEmpty()) {
            throw new IllegalArgumentException("the Python original '" + script + "' recorded no " + prefix
                    + "(n); it recorded: " + String.join(", ", measurements.keySet()));
        }
        Machine here = Machine.current();
        Machine machine = new Machine(here.availableProcessors(), here.cpuinfoProcessors(), here.cpuModel(),
                "Python", version, "unknown", here.os(), here.arch());
        return new ScalingResult(title, points, Map.of("script", script, "timed by", "paralab_timing.measure"),
                machine, Instant.now().toString(), varied);
    }

    /** One line: what ran and what it recorded, or why it was skipped. */
    @Override
    public String toString() {
        return ran() ? "Python " + version + " (" + python + ") ran " + script + ": " + String.join(", ", names())
                : "Python original '" + script + "' skipped: " + skipReason;
    }

    private void requireRan() {
        if (!ran()) {
            throw new IllegalStateException("the Python original '" + script + "' did not run: " + skipReason);
        }
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(value(element)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), value(e.getValue())));
        return map;
    }

}
