package io.paralab.kernel;

import io.paralab.kernel.assist.CodeCompleteness;
import io.paralab.kernel.assist.CodeCompletion;
import io.paralab.kernel.assist.CodeInspection;
import io.paralab.kernel.execution.CellContext;
import io.paralab.kernel.execution.CellEvaluator;
import io.paralab.kernel.execution.CellFailure;
import io.paralab.kernel.execution.CellRunner;
import io.paralab.kernel.execution.CellTimeout;
import io.paralab.kernel.execution.CellClassLoader;
import io.paralab.kernel.environment.JJavaEnvironment;
import io.paralab.kernel.magics.WhosMagic;
import jdk.jshell.MethodSnippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;
import io.paralab.kernel.execution.ExitGuard;
import io.paralab.kernel.magics.EmptyCellMagic;
import io.paralab.kernel.magics.KernelMagics;
import io.paralab.kernel.magics.KernelMagicsRegistry;
import io.paralab.kernel.magics.MagicTranslator;
import io.paralab.kernel.protocol.CellHistory;
import io.paralab.kernel.protocol.HistoryAnswer;
import io.paralab.kernel.protocol.KernelConnection;
import io.paralab.kernel.protocol.KernelInfo;
import io.paralab.kernel.streams.KernelIO;
import io.paralab.kernel.streams.StandardStreams;
import io.paralab.process.ChildClassPath;
import io.paralab.threads.CancellationScope;
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
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Map;
import java.util.Optional;

/**
 * The ParalabKernel: Java in JShell, in the kernel's own JVM, on JJava's kernel framework. Cells run on a thread of
 * their own bound to the cell ({@link CellContext}), so output of threads they start lands under them; interrupt
 * stops them ({@link CellRunner}); {@code System.exit} in a cell ends only the cell ({@link CellBytecodeRewriter}).
 * JShell starts in the background while the front end connects ({@link KernelStartup}). The class wires the
 * rooms together and keeps no job of its own: magics live in {@code magics}, completion and inspection in
 * {@code assist}, the wire protocol in {@code protocol}, the standard streams in {@code streams}, evaluation in
 * {@code execution}.
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

    private final KernelIO kernelIO;
    private final CellHistory history;
    private final CellRunner runner = new CellRunner();
    private final CodeCompletion completion;
    private KernelStartup startup;
    /** {@code JJAVA_TIMEOUT}, or null for no limit. */
    private CellTimeout timeout;

    private ParalabKernel(KernelIO io, CellHistory history, MagicsRegistry magics) {
        super("paralab", VERSION, language(), List.of(new HelpLink("Java API",
                        "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/")),
                history, io, new CommManager(), new Renderer(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranslator()), magics, true, errorStyler());
        this.kernelIO = io;
        this.history = history;
        KernelMagics.registerAll(magics, this::evalRaw, this::addToClasspath, this::definitions);
        ExitGuard.install(runner);
        this.completion = new CodeCompletion(magics);
    }

    /**
     * Creates the kernel, makes it the notebook kernel of this JVM, and starts JShell (with extensions installed) on
     * a background thread; the first request that needs JShell waits for it.
     */
    public static ParalabKernel start() {
        ParalabKernel kernel = new ParalabKernel(new KernelIO(), new CellHistory(), new KernelMagicsRegistry());
        kernel.onStartup();
        JJavaEnvironment environment = JJavaEnvironment.NONE;
        IllegalArgumentException environmentProblem = null;
        try {
            environment = JJavaEnvironment.read(System.getenv());
        } catch (IllegalArgumentException e) {
            environmentProblem = e;                  // shown by the first cell, as JJava's kernel would not start
        }
        JJavaEnvironment settings = environment;
        IllegalArgumentException problem = environmentProblem;
        kernel.timeout = settings.timeout().map(CellTimeout::new).orElse(null);
        kernel.startup = new KernelStartup(settings.compilerOptions(), loader -> kernel.prepare(loader, settings, problem));
        return kernel;
    }

    /**
     * Before the first cell: the extensions, then what JJava's environment variables ask for — {@code
     * JJAVA_CLASSPATH}'s jars (with their extensions) and the start-up scripts.
     */
    private void prepare(CellClassLoader loader, JJavaEnvironment environment, IllegalArgumentException problem) {
        installExtensions(loader);
        if (problem != null) {
            throw problem;
        }
        if (!environment.classPath().isEmpty()) {
            addToClasspath(environment.classPath());
        }
        for (String script : environment.startupScripts()) {
            evalRaw(script);
        }
    }

    @Override
    public void onStartup() {
        installNotebookKernel();
    }

    /**
     * Handles the requests of {@code connection}; from now on {@code System.out}/{@code System.err} of cells are
     * published through it and {@code System.in} asks the front end of the cell.
     */
    public void serve(KernelConnection connection) {
        becomeHandlerForConnection(connection);
        StandardStreams.redirect(connection.cellPublisher(), kernelIO);
    }

    private CellEvaluator evaluator() {
        return startup.evaluator();
    }

    @Override
    protected ClassLoader getClassLoader() {
        return evaluator().loader();
    }

    @Override
    public Object evalRaw(String source) {
        int cell = CellContext.current().map(CellContext::executionCount).orElse(0);
        EmptyCellMagic.reject(source);
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
            Callable<DisplayData> body = () -> {
                startup.awaitExtensions();
                return render(evalRaw(request.getCode()));
            };
            if (timeout != null) {
                startup.awaitStartupOver();      // the time limit counts the cell, not the kernel's start-up
            }
            DisplayData result = timeout == null ? runner.run(cell, body) : timeout.run(runner, cell, body);
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
        env.setStatusBusy();
        env.reply(HistoryAnswer.of(message.getContent(), history));
        env.setStatusIdle();
    }

    @Override
    public void interrupt() {
        runner.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        runner.interrupt();
        startup.close();
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
        return completion.complete(code, at, evaluator().analysis());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        CodeInspection.DetailLevel detail = extraDetail ? CodeInspection.DetailLevel.FULL : CodeInspection.DetailLevel.SIGNATURES;
        return CodeInspection.inspect(code, at, detail, evaluator().analysis(), evaluator().variables());
    }

    /** Adds jars and folders to the cells' class path and to that of child JVMs the helpers start from now on. */
    private void addToClasspath(List<Path> paths) {
        for (Path path : paths) {
            evaluator().addToClasspath(path.toString());
        }
        ChildClassPath.add(paths);
        installExtensions(evaluator().loader());
    }

    /** What cells defined, for {@code %whos}: variables, methods, then classes, each sorted by name. */
    private List<WhosMagic.Entry> definitions() {
        CellEvaluator cells = evaluator();
        List<WhosMagic.Entry> entries = new ArrayList<>();
        cells.variables().filter(v -> !v.name().startsWith("$")).sorted(Comparator.comparing(VarSnippet::name))
                .forEach(v -> entries.add(new WhosMagic.Entry(v.name(), "variable", v.typeName(), cells.valueOf(v))));
        cells.methods().sorted(Comparator.comparing(MethodSnippet::name))
                .forEach(m -> entries.add(new WhosMagic.Entry(m.name(), "method", m.signature(), "")));
        cells.types().sorted(Comparator.comparing(TypeDeclSnippet::name))
                .forEach(t -> entries.add(new WhosMagic.Entry(t.name(), kindOf(t), t.name(), "")));
        return entries;
    }

    private static String kindOf(TypeDeclSnippet type) {
        return switch (type.subKind()) {
            case INTERFACE_SUBKIND -> "interface";
            case ENUM_SUBKIND -> "enum";
            case ANNOTATION_TYPE_SUBKIND -> "annotation";
            case RECORD_SUBKIND -> "record";
            default -> "class";
        };
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
