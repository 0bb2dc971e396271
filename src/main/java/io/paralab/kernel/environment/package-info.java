/**
 * The environment variables stock JJava reads at start-up ({@code JJAVA_CLASSPATH}, {@code JJAVA_TIMEOUT}, ...),
 * read the same way ({@link io.paralab.kernel.environment.JJavaEnvironment}), so a JJava user's set-up carries over.
 *
 * <pre>{@code
 * JJAVA_CLASSPATH=/opt/libs/* jupyter lab
 * }</pre>
 */
package io.paralab.kernel.environment;
