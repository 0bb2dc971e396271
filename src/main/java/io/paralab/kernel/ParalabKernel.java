package io.paralab.kernel;

import io.paralab.kernel.assist.CodeCompleteness;
import io.paralab.kernel.execution.CellBytecodeRewriter;
import io.paralab.kernel.execution.CellContext;
import io.paralab.kernel.execution.CellFailure;
import io.paralab.kernel.magics.ClasspathMagic;
import io.paralab.kernel.magics.MagicTranslator;
import io.paralab.kernel.magics.TimeMagic;
import io.paralab.kernel.magics.TimeitMagic;
import io.paralab.kernel.protocol.HistoryAnswer;
import io.paralab.kernel.protocol.KernelConnection;
import io.paralab.kernel.protocol.KernelInfo;
import io.paralab.kernel.streams.CellOutputStream;
import io.paralab.kernel.streams.CellPublisher;

import io.paralab.kernel.execution.CellEvaluator;
import io.paralab.kernel.execution.CellRunner;
import io.paralab.kernel.protocol.CellHistory;
import io.paralab.kernel.streams.KernelIO;

import io.paralab.threads.CancellationScope;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ParalabKernel: Java in JShell, in the kernel's own JVM, on JJava's kernel framework. Cells run on a thread of
 * their own bound to the cell ({@link CellContext}), so output of threads they start lands under them; interrupt
 * stops them ({@link CellRunner}); {@code System.exit} in a cell ends only the cell ({@link CellBytecodeRewriter}).
 * JShell starts and warms up in the background while the front end connects.
 *
 * <pre>{@code
 * ParalabKernel kernel = ParalabKernel.start();
 * KernelConnection connection = new KernelConnection(props);
 * kernel.serve(connection);
 * connection.connect();
 * }</pre>
 */
public final class ParalabKernel extends BaseKernel {

    /** The kernel's version, shown in {@code kernel_info}. */
    public static final String VERSION = "0.1.0";

    private static final Pattern MAGIC_PREFIX = Pattern.compile("(?m)^(\\s*)(%%?)(\\w*)$");
    private static final Pattern IDENTIFIER_BEFORE = Pattern.compile("[\\w$.]*$");

    private final KernelIO kernelIO;
    private final CellHistory history;
    private final CellRunner runner = new CellRunner();
    private final CompletableFuture<CellEvaluator> evaluator = new CompletableFuture<>();
    /** Completes once the start-up extensions are installed; holds the failure if one failed, else null. */
    private final CompletableFuture<Throwable> extensionsInstalled = new CompletableFuture<>();
    private boolean extensionFailureShown;
    private final PrintStream diagnostics = System.err;   // the kernel's terminal, not a cell

    private ParalabKernel(KernelIO io, CellHistory history, MagicsRegistry magics) {
        super("paralab", VERSION, language(), List.of(new HelpLink("Java API",
                        "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/")),
                history, io, new CommManager(), new Renderer(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranslator()), magics, true, errorStyler());
        this.kernelIO = io;
        this.history = history;
        magics.registerLineMagic("classpath", new ClasspathMagic("classpath", false, this::addToClasspath));
        magics.registerLineMagic("jars", new ClasspathMagic("jars", true, this::addToClasspath));
        TimeMagic time = new TimeMagic(this::evalRaw);
        magics.registerLineMagic("time", time);
        magics.registerCellMagic("time", time);
        TimeitMagic timeit = new TimeitMagic(this::evalRaw);
        magics.registerLineMagic("timeit", timeit);
        magics.registerCellMagic("timeit", timeit);
        magics.registerLineMagic("lsmagic", (kernel, args) -> {
            System.out.println(listMagics());
            return null;
        });
    }

    /**
     * Creates the kernel, makes it the notebook kernel of this JVM, and starts JShell (with extensions installed) on
     * a background thread; the first request that needs JShell waits for it.
     */
    public static ParalabKernel start() {
        ParalabKernel kernel = new ParalabKernel(new KernelIO(), new CellHistory(), new MagicsRegistry());
        kernel.onStartup();
        Thread.ofPlatform().name("paralab-warmup").daemon().start(kernel::warmUp);
        return kernel;
    }

    @Override
    public void onStartup() {
        installNotebookKernel();
    }

    private void warmUp() {
        CellEvaluator started;
        try {
            started = new CellEvaluator(ClassLoader.getSystemClassLoader());
        } catch (Throwable e) {
            evaluator.completeExceptionally(e);
            extensionsInstalled.complete(null);
            diagnostics.println("paralab: cannot start JShell: " + e);
            return;
        }
        evaluator.complete(started);                           // extensions evaluate their imports through it
        try {
            installExtensions(started.loader());
            extensionsInstalled.complete(null);
        } catch (Throwable e) {
            diagnostics.println("paralab: an extension failed to install: " + e);
            extensionsInstalled.complete(e);
        }
    }

    /**
     * Waits until the start-up extensions are installed, so the first cell sees their imports and magics; the
     * first cell after a failed install shows that failure on its stderr.
     */
    private void awaitExtensions() {
        Throwable failure = extensionsInstalled.join();
        if (failure != null && !extensionFailureShown) {
            extensionFailureShown = true;
            System.err.println("paralab: an extension failed to install at start: " + failure);
        }
    }

    /**
     * Handles the requests of {@code connection}; from now on {@code System.out}/{@code System.err} of cells are
     * published through it and {@code System.in} asks the front end of the cell.
     */
    public void serve(KernelConnection connection) {
        becomeHandlerForConnection(connection);
        CellPublisher publisher = connection.cellPublisher();
        kernelIO.attach(publisher);
        PrintStream terminalOut = System.out;
        PrintStream terminalErr = System.err;
        System.setOut(CellOutputStream.printStream(publisher, PublishStream.StreamType.OUT, terminalOut));
        System.setErr(CellOutputStream.printStream(publisher, PublishStream.StreamType.ERR, terminalErr));
        System.setIn(kernelIO.in);
    }

    private CellEvaluator evaluator() {
        return evaluator.join();
    }

    @Override
    protected ClassLoader getClassLoader() {
        return evaluator().loader();
    }

    @Override
    public Object evalRaw(String source) {
        int cell = CellContext.current().map(CellContext::executionCount).orElse(0);
        return evaluator().evaluate(magicParser.resolveMagics(source), cell);
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        boolean store = request.shouldStoreHistory() && !silent;
        int count = store ? executionCount.getAndIncrement() : executionCount.get();
        env.setStatusBusy();
        if (!silent) {
            env.publish(new PublishExecuteInput(request.getCode(), count));
        }
        kernelIO.allowInput(request.isStdinEnabled());
        CellContext cell = new CellContext(message, count, new CancellationScope("cell " + count));
        String output = "";
        try {
            DisplayData result = runner.run(cell, () -> {
                awaitExtensions();
                return render(evalRaw(request.getCode()));
            });
            if (result != null && !silent) {
                env.publish(new PublishExecuteResult(count, result));
                output = String.valueOf(Optional.ofNullable(result.getData(MIMEType.TEXT_PLAIN)).orElse(""));
            }
            env.reply(new ExecuteReply(count, Map.of()));
        } catch (CellFailure failure) {
            env.publish(new PublishError(failure.name(), failure.getMessage(), failure.traceback()));
            ErrorReply error = new ErrorReply(failure.name(), failure.getMessage(), failure.traceback());
            error.setExecutionCount(count);
            env.replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
        }
        if (store) {
            history.add(count, request.getCode(), output);
        }
        env.setStatusIdle();
    }

    private DisplayData render(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof DisplayData data ? data : renderer.render(value);
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setStatusBusy();
        env.reply(new KernelInfo(Header.PROTOCOL_VERISON, name, version, languageInfo, getBanner(), helpLinks));
        env.setStatusIdle();
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        env.setStatusBusy();
        List<HistoryEntry> entries = switch (request) {
            case HistoryRequest.Tail tail -> history.lookupTail(tail.getMaxReturnLength(), flags);
            case HistoryRequest.Range range ->
                    history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
            case HistoryRequest.Search search -> {
                if (search.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
            }
            default -> List.of();
        };
        env.reply(new HistoryAnswer(entries));
        env.setStatusIdle();
    }

    @Override
    public void interrupt() {
        runner.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        runner.interrupt();
        evaluator.thenAccept(CellEvaluator::close);
        super.onShutdown(isRestarting);
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%%")) {
            return IS_COMPLETE_YES;
        }
        CodeCompleteness.Verdict verdict =
                CodeCompleteness.check(magicParser.resolveMagics(code), evaluator().analysis());
        return switch (verdict.status()) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            default -> verdict.indent();
        };
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        String upToCursor = code.substring(0, Math.min(at, code.length()));
        int lineStart = upToCursor.lastIndexOf('\n') + 1;
        Matcher magic = MAGIC_PREFIX.matcher(upToCursor.substring(lineStart));
        if (magic.matches()) {
            boolean cellMagic = magic.group(2).equals("%%");
            List<String> names = (cellMagic ? magicsRegistry.getCellMagicNames() : magicsRegistry.getLineMagicNames())
                    .stream().filter(n -> n.startsWith(magic.group(3))).sorted().toList();
            int start = lineStart + magic.start(3);
            return new ReplacementOptions(names, start, at);
        }
        int[] anchor = new int[1];
        List<String> suggestions = evaluator().analysis().completionSuggestions(code, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new ReplacementOptions(suggestions, anchor[0], at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        SourceCodeAnalysis analysis = evaluator().analysis();
        int end = identifierEnd(code, at);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, end, true);
        if (docs.isEmpty()) {
            docs = analysis.documentation(code.substring(0, end) + "(", end + 1, true);
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            text.append(doc.signature()).append('\n');
            if (extraDetail || docs.size() == 1) {
                Optional.ofNullable(doc.javadoc()).ifPresent(javadoc -> text.append(javadoc).append("\n\n"));
            }
        }
        if (text.isEmpty()) {
            Matcher identifier = IDENTIFIER_BEFORE.matcher(code.substring(0, end));
            String name = identifier.find() ? identifier.group() : "";
            evaluator().variables().filter(v -> v.name().equals(name)).reduce((a, b) -> b)
                    .ifPresent(v -> text.append(describe(v)));
        }
        return text.isEmpty() ? null : new DisplayData(text.toString().strip());
    }

    private static String describe(VarSnippet variable) {
        return variable.typeName() + " " + variable.name();
    }

    /** Moves the cursor to the end of the identifier it is in or right after. */
    private static int identifierEnd(String code, int at) {
        int end = Math.min(Math.max(at, 0), code.length());
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        return end;
    }

    private void addToClasspath(List<Path> paths) {
        for (Path path : paths) {
            evaluator().addToClasspath(path.toString());
        }
        installExtensions(evaluator().loader());
    }

    private String listMagics() {
        return "Available line magics:\n" + join("%", magicsRegistry.getLineMagicNames())
                + "\n\nAvailable cell magics:\n" + join("%%", magicsRegistry.getCellMagicNames());
    }

    private static String join(String prefix, java.util.Set<String> names) {
        return String.join("  ", new TreeSet<>(names).stream().map(n -> prefix + n).toList());
    }

    private static LanguageInfo language() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    private static StringStyler errorStyler() {
        return new StringStyler.Builder()
                .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                .addSecondaryStyle(TextColor.BOLD_RED_FG)
                .addHighlightStyle(TextColor.BOLD_RESET_FG)
                .addHighlightStyle(TextColor.RED_BG)
                .withLinePrefix(TextColor.BOLD_RESET_FG + "|   ")
                .build();
    }
}
