/**
 * The Jupyter wire protocol, where JJava's falls short: the ZeroMQ connection
 * ({@link io.paralab.kernel.protocol.KernelConnection}) with stamped channels, replayed-message refusal and the
 * {@code stop_on_error} contract; the replies JJava lacks or gets wrong ({@link io.paralab.kernel.protocol.KernelInfo},
 * {@link io.paralab.kernel.protocol.AbortedReply}, {@link io.paralab.kernel.protocol.HistoryAnswer}); and the
 * session's cell history ({@link io.paralab.kernel.protocol.CellHistory}).
 *
 * <pre>{@code
 * env.reply(new AbortedReply());   // execute_reply {"status": "aborted"}
 * }</pre>
 */
package io.paralab.kernel.protocol;
