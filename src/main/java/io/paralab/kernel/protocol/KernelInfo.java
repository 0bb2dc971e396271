package io.paralab.kernel.protocol;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

import java.util.List;

/** JJava's {@code kernel_info_reply} plus the {@code status: ok} field the protocol requires and JJava leaves out. */
public final class KernelInfo extends KernelInfoReply {

    @SuppressWarnings("unused")          // serialized by Gson
    private final String status = "ok";

    public KernelInfo(String protocolVersion, String implementation, String version, LanguageInfo language, String banner,
               List<HelpLink> helpLinks) {
        super(protocolVersion, implementation, version, language, banner, helpLinks);
    }
}
