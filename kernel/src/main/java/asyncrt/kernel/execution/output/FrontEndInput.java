package asyncrt.kernel.execution.output;

import java.io.IOException;

/** Asks the front end for a line of input on behalf of a cell (the stdin channel's {@code input_request}). */
@FunctionalInterface
public interface FrontEndInput {

    /**
     * Blocks until the user answers.
     *
     * @param prompt   text to show beside the input box
     * @param password whether to hide what is typed
     * @return the line typed, without its line break
     * @throws IOException when this front end takes no input, or the wait was interrupted
     */
    String readLine(String prompt, boolean password) throws IOException;
}
