package asyncrt.kernel.magics;

import asyncrt.kernel.execution.Value;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code %load FILE}: runs a .jshell or .java file, or a notebook's code cells, in the session. */
final class LoadMagic {

    private LoadMagic() {
    }

    static Optional<Value> run(String args, MagicContext context) throws Exception {
        if (args.isBlank()) {
            throw new MagicException("%load needs a file, e.g. %load helpers.jshell");
        }
        Path file = Path.of(args.strip());
        if (!Files.isRegularFile(file)) {
            throw new MagicException("%load: no such file: " + file.toAbsolutePath());
        }
        String name = file.getFileName().toString();
        if (name.endsWith(".ipynb")) {
            return loadNotebook(file, context);
        }
        return context.runCell(Files.readString(file, StandardCharsets.UTF_8), name);
    }

    private static Optional<Value> loadNotebook(Path file, MagicContext context) throws Exception {
        JsonObject notebook;
        try {
            notebook = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new MagicException("%load: " + file + " is not a notebook: " + e.getMessage());
        }
        Optional<Value> last = Optional.empty();
        int number = 0;
        for (JsonElement cell : notebook.getAsJsonArray("cells")) {
            JsonObject object = cell.getAsJsonObject();
            if (!"code".equals(object.get("cell_type").getAsString())) {
                continue;
            }
            number++;
            last = context.runCell(source(object.get("source")), file.getFileName() + " cell " + number);
        }
        return last;
    }

    /** A cell's source is a string or a list of lines. */
    private static String source(JsonElement source) {
        if (source.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            source.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
            return text.toString();
        }
        return source.getAsString();
    }
}
