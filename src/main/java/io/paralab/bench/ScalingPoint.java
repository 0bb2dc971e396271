package io.paralab.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The timings of the work at one worker count.
 *
 * @param workers      how many workers ran the work, at least 1
 * @param samplesNanos one timing per measured run, in nanoseconds
 */
@JsonIgnoreProperties(value = "stats", allowGetters = true)
public record ScalingPoint(int workers, List<Long> samplesNanos) {

    /** Checks the worker count and the samples. */
    public ScalingPoint {
        BenchArguments.atLeast(1, workers, "worker count");
        samplesNanos = Measurement.checkedSamples("scaling point for " + workers + " workers", samplesNanos);
    }

    /** Statistics of the samples, in nanoseconds. */
    @JsonProperty("stats")
    public Stats stats() {
        return Stats.of(samplesNanos);
    }
}
