package io.paralab.process;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The parent's side of remote class loading: answers a child's request for a class by name with the
 * bytes its class loaders have (see {@link ClassBytes}: served as resources, or kept in memory as stock
 * JJava keeps a cell's classes). It knows the loaders of every task submitted so far (held weakly), newest
 * first, so a class defined in a notebook cell reaches the child with no extra step. Cell variables do not
 * travel with their class: {@link CellValues} sends what a task reads when it is submitted.
 */
final class ClassServer {

    private final List<WeakReference<ClassLoader>> loaders = new ArrayList<>();

    /** Makes a loader's classes available to children; call with the class loader of each task. */
    synchronized void add(ClassLoader loader) {
        if (loader == null) {
            return;
        }
        if (!loaders.isEmpty() && loaders.getFirst().get() == loader) {
            return;
        }
        loaders.removeIf(ref -> ref.get() == null || ref.get() == loader);
        loaders.addFirst(new WeakReference<>(loader));
    }

    /** The answer to one request: the class bytes, or an error naming the class and why it has none. */
    Message.ClassResponse answer(Message.ClassRequest request) {
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
            try {
                byte[] bytes = ClassBytes.of(request.className(), loader);
                if (bytes != null) {
                    return new Message.ClassResponse(request.requestId(), bytes, null);
                }
            } catch (IOException e) {
                return new Message.ClassResponse(request.requestId(), null,
                        "the parent failed to read the bytes of " + request.className() + " from " + loader + ": " + e);
            }
            searched.add(String.valueOf(loader));
        }
        return new Message.ClassResponse(request.requestId(), null, "the parent process has no bytes for it: "
                + "none of its class loaders " + searched + " serves it as a resource or keeps it in a map of class names to bytes");
    }
}
