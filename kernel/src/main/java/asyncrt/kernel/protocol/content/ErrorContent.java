package asyncrt.kernel.protocol.content;

import java.util.List;

/** {@code error} on IOPub (and the error fields of replies): the exception's name, its message, and the
 * traceback's lines as the front end shows them. */
public record ErrorContent(String ename, String evalue, List<String> traceback) {}
