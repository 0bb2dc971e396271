package io.paralab.kernel.dependencies;

import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports downloads as they happen: the progress of a long one at most once a second, and a line with its size when it is in the local repository ({@code Downloaded guava-33.0.0-jre.jar (3.0 MB)
 * from central}). Files looked for in a repository that does not hold them are not reported.
 */
final class DownloadProgress extends AbstractTransferListener {

    private static final long REPORT_EVERY_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final Map<TransferResource, Long> lastReport = new ConcurrentHashMap<>();

    DownloadProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void transferStarted(TransferEvent event) {
        if (event.getRequestType() == TransferEvent.RequestType.GET && isArtifact(event.getResource())) {
            lastReport.put(event.getResource(), System.nanoTime());
        }
    }

    @Override
    public void transferProgressed(TransferEvent event) {
        Long last = lastReport.get(event.getResource());
        long now = System.nanoTime();
        if (last != null && now - last >= REPORT_EVERY_NANOS) {
            lastReport.put(event.getResource(), now);
            long total = event.getResource().getContentLength();
            out.println("  " + name(event.getResource()) + ": " + size(event.getTransferredBytes())
                    + (total > 0 ? " of " + size(total) : ""));
        }
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        if (event.getRequestType() == TransferEvent.RequestType.GET && isArtifact(event.getResource())) {
            lastReport.remove(event.getResource());
            out.println("Downloaded " + name(event.getResource()) + " (" + size(event.getTransferredBytes()) + ") from "
                    + event.getResource().getRepositoryId());
        }
    }

    @Override
    public void transferFailed(TransferEvent event) {
        lastReport.remove(event.getResource());
    }

    private static boolean isArtifact(TransferResource resource) {
        String name = resource.getResourceName();
        return name.endsWith(".jar") || name.endsWith(".pom") || name.endsWith(".zip");
    }

    private static String name(TransferResource resource) {
        String name = resource.getResourceName();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
