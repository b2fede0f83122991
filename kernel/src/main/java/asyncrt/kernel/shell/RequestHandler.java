package asyncrt.kernel.shell;

/** Handles one type of request (an {@code execute_request}, a {@code complete_request}, ...). */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Handles a request and sends its reply.
     *
     * @throws Exception anything unexpected; the dispatcher logs it and replies with an error
     */
    void handle(Request request) throws Exception;
}
