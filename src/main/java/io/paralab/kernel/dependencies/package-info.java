/**
 * Maven dependencies for cells, as JJava's magics take them: {@code %maven}, {@code %mavenRepo} and
 * {@code %loadFromPOM} ({@link io.paralab.kernel.dependencies.MavenMagics}), resolved transitively the way Maven 3
 * does with the user's {@code settings.xml} ({@link io.paralab.kernel.dependencies.MavenResolver},
 * {@link io.paralab.kernel.dependencies.MavenSettings}); a failure names each artifact and why, and adds nothing.
 *
 * <pre>{@code
 * %maven com.google.guava:guava:33.0.0-jre
 * }</pre>
 */
package io.paralab.kernel.dependencies;
