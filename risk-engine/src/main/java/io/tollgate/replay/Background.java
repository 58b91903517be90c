package io.tollgate.replay;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * One piece of work run on a daemon thread of its own while the caller does another, e.g. reading
 * the reference data while the rule set compiles. {@link #get()} waits for it and throws what it
 * threw; closing stops it when nobody wants the result any more. Not thread-safe.
 *
 * @param <T> what the work gives
 */
final class Background<T> implements AutoCloseable {
    private final FutureTask<T> task;
    private final Thread thread;

    private Background(String name, Callable<T> work) {
        this.task = new FutureTask<>(work);
        this.thread = new Thread(task, name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts the work.
     *
     * @param name the thread's name
     * @param work what to do
     * @return the work under way
     */
    static <T> Background<T> start(String name, Supplier<T> work) {
        Background<T> background = new Background<>(name, work::get);
        background.thread.start();
        return background;
    }

    /**
     * @return what the work gave, once it is done
     * @throws RuntimeException (or Error) what the work threw, as it threw it
     */
    T get() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(thread.getName() + " failed", e.getCause());
        }
    }

    /** Stops the work if it is still running. */
    @Override
    public void close() {
        task.cancel(true);
    }
}
