package io.paralab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a measurement was taken: cores, CPU, runtime and operating system. Saved with every result so a
 * figure loaded from JSON says which machine it belongs to.
 *
 * <pre>{@code
 * Machine here = Machine.current();
 * here.availableProcessors();   // e.g. 2
 * }</pre>
 *
 * @param availableProcessors cores the runtime may use ({@link Runtime#availableProcessors()} for Java)
 * @param cpuinfoProcessors   processors listed in {@code /proc/cpuinfo}; 0 when unknown
 * @param cpuModel            e.g. {@code "Intel(R) Xeon(R) Processor"}, or {@code "unknown"}
 * @param runtime             {@code "Java"} or {@code "Python"}
 * @param runtimeVersion      e.g. {@code "25+36-LTS"}
 * @param runtimeVendor       e.g. {@code "Eclipse Adoptium"}, or {@code "unknown"}
 * @param os                  operating system name and version
 * @param arch                e.g. {@code "amd64"}, or {@code "unknown"}
 */
public record Machine(int availableProcessors, int cpuinfoProcessors, String cpuModel, String runtime,
                      String runtimeVersion, String runtimeVendor, String os, String arch) {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** Checks that every text is present. */
    public Machine {
        Objects.requireNonNull(cpuModel, "cpuModel");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(runtimeVersion, "runtimeVersion");
        Objects.requireNonNull(runtimeVendor, "runtimeVendor");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
    }

    /** The machine and JVM this code runs on. */
    public static Machine current() {
        List<String> cpuinfo = readCpuinfo();
        int processors = (int) cpuinfo.stream().filter(line -> line.startsWith("processor")).count();
        String model = cpuinfo.stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown");
        return new Machine(Runtime.getRuntime().availableProcessors(), processors, model, "Java",
                System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("java.vendor", "unknown"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch", "unknown"));
    }

    /** One line, e.g. {@code "Java 25+36-LTS (Eclipse Adoptium), 2 cores (Intel(R) Xeon(R) Processor), Linux 6.1 amd64"}. */
    public String summary() {
        String vendor = runtimeVendor.equals("unknown") ? "" : " (" + runtimeVendor + ")";
        String cpu = cpuModel.equals("unknown") ? "" : " (" + cpuModel + ")";
        return runtime + " " + runtimeVersion + vendor + ", " + availableProcessors + " cores" + cpu + ", "
                + os + " " + arch;
    }

    private static List<String> readCpuinfo() {
        try {
            return Files.isReadable(CPUINFO) ? Files.readAllLines(CPUINFO) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
