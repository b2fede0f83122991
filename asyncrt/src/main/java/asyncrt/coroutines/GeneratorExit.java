package asyncrt.coroutines;

/**
 * Thrown into a suspended coroutine by {@link Coroutine#close()} so that its {@code finally}
 * blocks run: Python's {@code GeneratorExit}. An {@link Error}, like Python's BaseException,
 * so that {@code catch (Exception e)} does not swallow it.
 */
public final class GeneratorExit extends Error {
    public GeneratorExit() {
        super(null, null, false, false);
    }
}
