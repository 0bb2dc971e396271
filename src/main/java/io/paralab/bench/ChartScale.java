package io.paralab.bench;

/**
 * The value axis of a comparison chart ({@link CompareResult#chart(ChartScale)}).
 *
 * <pre>{@code
 * result.chart(ChartScale.LOG);   // a dot per median, whiskers fastest to slowest run, log axis
 * }</pre>
 */
public enum ChartScale {
    /** A linear axis from zero: bars, whose length is the time. */
    LINEAR,
    /**
     * A logarithmic axis: dots, since a bar's length on a log axis depends on where the axis starts, not on
     * the time; equal distances mean equal ratios.
     */
    LOG
}
