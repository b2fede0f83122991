package asyncrt.kernel.shell;

import asyncrt.kernel.protocol.MessageFactory;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Answers {@code kernel_info_request}: who this kernel is and the language it runs. */
public final class KernelInfoHandler implements RequestHandler {

    /** The kernel's implementation name. */
    public static final String IMPLEMENTATION = "asyncrt-java";

    private final JsonObject content;

    /** @param version the kernel's version */
    public KernelInfoHandler(String version) {
        String javaVersion = System.getProperty("java.version");
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("version", javaVersion);
        language.addProperty("mimetype", "text/x-java");
        language.addProperty("file_extension", ".jshell");
        language.addProperty("pygments_lexer", "java");
        language.addProperty("codemirror_mode", "text/x-java");
        language.addProperty("nbconvert_exporter", "script");

        JsonArray links = new JsonArray();
        links.add(link("Java " + Runtime.version().feature() + " API",
                "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"));
        links.add(link("JShell guide", "https://docs.oracle.com/en/java/javase/21/jshell/introduction-jshell.html"));

        content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("protocol_version", MessageFactory.PROTOCOL_VERSION);
        content.addProperty("implementation", IMPLEMENTATION);
        content.addProperty("implementation_version", version);
        content.add("language_info", language);
        content.addProperty("banner", "Java " + javaVersion + " (JShell) with asyncrt " + version
                + ": asyncio's model in Java. Asyncio.run(main()), await(sleep(1)) and friends are imported;"
                + " %lsmagic lists the magics.");
        content.add("help_links", links);
        content.addProperty("debugger", false);
    }

    private static JsonObject link(String text, String url) {
        JsonObject link = new JsonObject();
        link.addProperty("text", text);
        link.addProperty("url", url);
        return link;
    }

    @Override
    public void handle(Request request) {
        request.reply("kernel_info_reply", content.deepCopy());
    }
}
