package canopy.engine;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How the engine runs work on every core: one worker per core, on daemon threads (a check left
 * running never keeps the application alive), and a wait that hands a worker's failure to the caller
 * as the worker threw it.
 */
final class EngineWorkers {
    /** Workers per parallel step: one per core. */
    static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private EngineWorkers() {
    }

    /** A pool of {@link #THREADS} daemon threads, each named name. */
    static ExecutorService daemonPool(String name) {
        return daemonPool(name, THREADS);
    }

    /** A pool of this many daemon threads, each named name. */
    static ExecutorService daemonPool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Waits for every future. A worker's runtime exception (a {@link CancelledException} among them)
     * is thrown again as it is; an interrupt of the waiting thread cancels the step.
     */
    static void awaitAll(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            await(f);
        }
    }

    /** One worker's result, its failure thrown as {@link #awaitAll} does. */
    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
