package asyncrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import asyncrt.coroutines.Backend;
import org.junit.jupiter.api.Test;

/** The suite runs once per backend (see the surefire executions); each run checks it got the backend it asked for. */
class BackendTest {
    @Test
    void theExpectedBackendIsActive() {
        String expected = System.getProperty("asyncrt.expectedBackend");
        assumeTrue(expected != null, "run outside the build's two surefire executions");
        assertEquals(expected, Backend.active().id());
    }

    @Test
    void continuationsAreDetectedFromTheExport() {
        assertEquals(Backend.continuationsAvailable(), Backend.active() == Backend.CONTINUATION);
    }
}
