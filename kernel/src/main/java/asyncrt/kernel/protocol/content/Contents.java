package asyncrt.kernel.protocol.content;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

/** Converts between a message's JSON content and its record: components in camelCase, fields in snake_case. */
public final class Contents {

    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .disableHtmlEscaping()
            .create();

    private Contents() {}

    /**
     * The content of a request as its record. Fields the record does not name are ignored; a missing field
     * gets the record's default (see each record).
     *
     * @throws IllegalArgumentException when a field has the wrong JSON type, naming the message type
     */
    public static <T extends Record> T read(JsonObject content, Class<T> type) {
        try {
            return GSON.fromJson(content, type);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + " content: " + e.getMessage(), e);
        }
    }

    /** The JSON content of a reply; components that are {@code null} are left out. */
    public static JsonObject write(Record content) {
        return GSON.toJsonTree(content).getAsJsonObject();
    }
}
