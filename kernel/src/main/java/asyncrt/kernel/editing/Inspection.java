package asyncrt.kernel.editing;

/**
 * What an {@code inspect_reply} shows.
 *
 * @param found    whether anything is known at the cursor
 * @param markdown signature headers, then the rendered Javadoc ({@code text/markdown})
 * @param plain    the same as readable text ({@code text/plain})
 */
public record Inspection(boolean found, String markdown, String plain) {

    /** Nothing known at the cursor. */
    static Inspection none() {
        return new Inspection(false, "", "");
    }
}
