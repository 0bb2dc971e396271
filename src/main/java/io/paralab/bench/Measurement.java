package io.paralab.bench;

import io.paralab.format.TimeFormat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The raw timings of one piece of work: one sample per measured run, in nanoseconds.
 *
 * <pre>{@code
 * Measurement m = Bench.measure("parse", 5, 20, () -> parse(text));
 * m.samplesNanos();      // the 20 raw timings
 * m.stats().median();    // in nanoseconds
 * }</pre>
 *
 * @param name         what was measured, e.g. a variant name
 * @param samplesNanos one timing per measured run, in nanoseconds, in the order they were taken
 * @param validation   whether the work's answer was checked, and found right or wrong
 */
@JsonIgnoreProperties(value = "stats", allowGetters = true)
public record Measurement(String name, List<Long> samplesNanos, Validation validation) {

    /** Checks and copies the samples; there must be at least one, none negative. No validation: unchecked. */
    public Measurement {
        Objects.requireNonNull(name, "name");
        samplesNanos = checkedSamples("measurement '" + name + "'", samplesNanos);
        validation = validation == null ? Validation.UNCHECKED : validation;
    }

    /** A measurement whose answer nobody checked. */
    public Measurement(String name, List<Long> samplesNanos) {
        this(name, samplesNanos, Validation.UNCHECKED);
    }

    /**
     * The same timings with the given verdict on the answer, e.g. for a figure measured elsewhere.
     *
     * <pre>{@code
     * Measurement racy = py.measurement("no lock").validated(Validation.of(200_000, py.result("no lock")));
     * }</pre>
     */
    public Measurement validated(Validation verdict) {
        return new Measurement(name, samplesNanos, Objects.requireNonNull(verdict, "verdict"));
    }

    /** The same timings under another name. */
    public Measurement named(String newName) {
        return new Measurement(newName, samplesNanos, validation);
    }

    /**
     * An unmodifiable copy of timings after checking there is at least one and none is negative.
     *
     * @param owner names the owner of the samples in the error message
     */
    static List<Long> checkedSamples(String owner, List<Long> samplesNanos) {
        List<Long> copy = List.copyOf(samplesNanos);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(owner + " has no sample");
        }
        for (long sample : copy) {
            if (sample < 0) {
                throw new IllegalArgumentException(owner + " has a negative time: " + sample);
            }
        }
        return copy;
    }

    /** Statistics of the samples, in nanoseconds (also written to JSON for readers outside Java). */
    @JsonProperty("stats")
    public Stats stats() {
        return Stats.of(samplesNanos);
    }

    @Override
    public String toString() {
        Stats s = stats();
        return name + ": median " + TimeFormat.format(s.median()) + " (min " + TimeFormat.format(s.min()) + ", max "
                + TimeFormat.format(s.max()) + "), " + s.n() + " runs"
                + (validation.wrong() ? "; WRONG answer: " + validation.detail() : "");
    }
}
