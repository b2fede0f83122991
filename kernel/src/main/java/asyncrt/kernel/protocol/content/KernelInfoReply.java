package asyncrt.kernel.protocol.content;

import java.util.List;

/** {@code kernel_info_reply}: who the kernel is and what language it speaks. */
public record KernelInfoReply(String status, String protocolVersion, String implementation,
                              String implementationVersion, LanguageInfo languageInfo, String banner,
                              List<HelpLink> helpLinks, boolean debugger) implements Reply {

    /** The language of the kernel's cells, as front ends use it for highlighting and exporting. */
    public record LanguageInfo(String name, String version, String mimetype, String fileExtension,
                               String pygmentsLexer, String codemirrorMode, String nbconvertExporter) {}

    /** A link of the front end's Help menu. */
    public record HelpLink(String text, String url) {}

    @Override
    public String msgType() {
        return "kernel_info_reply";
    }
}
