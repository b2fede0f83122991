package asyncrt.kernel.extension;

import asyncrt.kernel.display.Renderer;
import asyncrt.kernel.execution.failures.CellFailure;
import asyncrt.kernel.magics.MagicRegistry;

/** What an extension may extend: the magics, the renderers, and the session's code. */
public interface KernelContext {

    /** The magic registry, to add line and cell magics. */
    MagicRegistry magics();

    /** The renderer, to add rich display for types. */
    Renderer renderer();

    /** Runs Java code in the session, e.g. imports for the extension's API. */
    void run(String code) throws CellFailure;
}
