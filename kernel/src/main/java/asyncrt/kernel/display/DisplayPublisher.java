package asyncrt.kernel.display;

/** Where displayed things go: the kernel publishes them on IOPub for the cell that is running. */
public interface DisplayPublisher {

    /**
     * Shows a bundle as a new output, or replaces an earlier output that has the same display id.
     *
     * @param bundle    what to show
     * @param displayId the id that later updates name, or null for none
     * @param update    true to replace the output with this id wherever it is shown, false to add one
     */
    void display(MimeBundle bundle, String displayId, boolean update);

    /**
     * Clears the current cell's output.
     *
     * @param wait true to clear only when the next output arrives (avoids flicker when redrawing)
     */
    void clearOutput(boolean wait);
}
