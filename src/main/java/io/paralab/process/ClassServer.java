package io.paralab.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The parent's side of remote class loading: answers a child's request for a class by name with the
 * bytes its class loaders serve through {@link ClassLoader#getResourceAsStream}. It knows the loaders of
 * every task submitted so far (held weakly), newest first, so a class defined in a notebook cell — served
 * by the kernel's JShell loader — reaches the child with no extra step.
 */
final class ClassServer {

    private final List<WeakReference<ClassLoader>> loaders = new ArrayList<>();

    /** Makes a loader's classes available to children; call with the class loader of each task. */
    synchronized void add(ClassLoader loader) {
        if (loader == null) {
            return;
        }
        loaders.removeIf(ref -> ref.get() == null || ref.get() == loader);
        loaders.addFirst(new WeakReference<>(loader));
    }

    /** The answer to one request: the class bytes, or an error naming the class and why it has none. */
    Message.ClassResponse answer(Message.ClassRequest request) {
        String resource = request.className().replace('.', '/') + ".class";
        List<ClassLoader> candidates = new ArrayList<>();
        synchronized (this) {
            for (WeakReference<ClassLoader> ref : loaders) {
                ClassLoader loader = ref.get();
                if (loader != null) {
                    candidates.add(loader);
                }
            }
        }
        candidates.add(ClassLoader.getSystemClassLoader());
        List<String> searched = new ArrayList<>();
        for (ClassLoader loader : candidates) {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in != null) {
                    return new Message.ClassResponse(request.requestId(), in.readAllBytes(), null,
                            StaticSnapshot.of(request.className(), loader));
                }
            } catch (IOException e) {
                return new Message.ClassResponse(request.requestId(), null,
                        "the parent failed to read " + resource + " from " + loader + ": " + e, null);
            }
            searched.add(String.valueOf(loader));
        }
        return new Message.ClassResponse(request.requestId(), null,
                "the parent process has no bytes for it (no " + resource + " in class loaders " + searched
                        + "); a class that exists only in memory must be served by its loader's getResourceAsStream", null);
    }
}
