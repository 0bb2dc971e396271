/**
 * Formatting shared by the bench tables, the notebook extension and the kernel's magics:
 * {@link io.paralab.format.Table} (a captioned table as HTML and as aligned text), {@link io.paralab.format.Html}
 * (escaping) and {@link io.paralab.format.TimeFormat} (durations and ratios with three significant digits).
 * Plain Java, depending on nothing else of ParaLab.
 *
 * <pre>{@code
 * String text = TimeFormat.format(2_000_000);   // "2.00 ms"
 * }</pre>
 */
package io.paralab.format;
