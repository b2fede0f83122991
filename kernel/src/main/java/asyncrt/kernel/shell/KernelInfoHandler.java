package asyncrt.kernel.shell;

import asyncrt.kernel.protocol.MessageFactory;
import asyncrt.kernel.protocol.content.KernelInfoReply;
import java.util.List;

/** Answers {@code kernel_info_request}: who this kernel is and the language it runs. */
public final class KernelInfoHandler implements RequestHandler {

    /** The kernel's implementation name. */
    public static final String IMPLEMENTATION = "asyncrt-java";

    private final KernelInfoReply reply;

    /** @param version the kernel's version */
    public KernelInfoHandler(String version) {
        String javaVersion = System.getProperty("java.version");
        int feature = Runtime.version().feature();
        reply = new KernelInfoReply("ok", MessageFactory.PROTOCOL_VERSION, IMPLEMENTATION, version,
                new KernelInfoReply.LanguageInfo("java", javaVersion, "text/x-java", ".jshell", "java", "text/x-java",
                        "script"),
                "Java " + javaVersion + " (JShell) with asyncrt " + version
                        + ": asyncio's model in Java. Asyncio.run(main()), await(sleep(1)) and friends are imported;"
                        + " %lsmagic lists the magics.",
                List.of(new KernelInfoReply.HelpLink("Java " + feature + " API",
                                "https://docs.oracle.com/en/java/javase/" + feature + "/docs/api/"),
                        new KernelInfoReply.HelpLink("JShell guide",
                                "https://docs.oracle.com/en/java/javase/21/jshell/introduction-jshell.html")),
                false);
    }

    @Override
    public void handle(Request request) {
        request.reply(reply);
    }
}
