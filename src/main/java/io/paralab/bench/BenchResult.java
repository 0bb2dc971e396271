package io.paralab.bench;

import io.paralab.format.Table;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A measured run of {@link Bench}: a record that shows itself as one table (as HTML here, as text in its
 * {@link Object#toString()}) and saves to JSON. Each result type reads its own JSON back with its
 * {@code fromJson} and {@code load}.
 *
 * <pre>{@code
 * BenchResult r = Bench.compare("counter").variant("lock", ...).variant("atomic", ...).run();
 * r.table().caption();             // "counter"
 * r.save(Path.of("counter.json")); // CompareResult.load(Path.of("counter.json")) reads it back
 * }</pre>
 */
public sealed interface BenchResult extends BenchReport permits CompareResult, ScalingResult {

    /** The result as a table: a row per variant or worker count, with the run's parameters and machine as notes. */
    Table table();

    /** The table as HTML, every text escaped, with the run's parameters and machine below it. */
    @Override
    default String toHtml() {
        return table().toHtml();
    }

    /** This result as indented JSON. */
    default String toJson() {
        return Json.write(this);
    }

    /** Writes {@link #toJson()} to the file. */
    default void save(Path file) throws IOException {
        Json.save(this, file);
    }
}
