package canopy.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one independent max-flow query per sink on all cores, each worker on its own copy of the
 * network. The per-accelerator flows of a check are independent, so this is where the engine uses
 * both cores.
 */
final class ParallelFlows {
    /** One query on a worker's private network copy; returns a result or null. */
    interface Query<R> {
        R run(FlowNetwork net, int sink);
    }

    private static final int THREADS = EngineWorkers.THREADS;
    private static final ExecutorService POOL = EngineWorkers.daemonPool("canopy-flow");

    /** Results in the order of sinks (null where the query returned null). */
    <R> List<R> forEachSink(FlowNetwork base, int[] sinks, Query<R> query, Progress progress) {
        return forEachSink(base, FlowNetwork::copy, sinks, query::run, progress);
    }

    /**
     * The same for any kind of network (the BigInteger one too): copy gives each further worker its
     * own network before any worker starts, since a worker changes its network while it runs.
     */
    static <N, R> List<R> forEachSink(N base, java.util.function.UnaryOperator<N> copy, int[] sinks,
                                      java.util.function.BiFunction<N, Integer, R> query, Progress progress) {
        Object[] results = new Object[sinks.length];
        if (sinks.length < 8 || THREADS == 1) {
            for (int i = 0; i < sinks.length; i++) {
                progress.checkCancelled();
                results[i] = query.apply(base, sinks[i]);
            }
        } else {
            AtomicInteger nextIndex = new AtomicInteger();
            List<N> nets = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                nets.add(w == 0 ? base : copy.apply(base));
            }
            List<Future<?>> futures = new ArrayList<>();
            for (N net : nets) {
                futures.add(POOL.submit(() -> {
                    int i;
                    while ((i = nextIndex.getAndIncrement()) < sinks.length) {
                        if (progress.isCancelled()) {
                            return;
                        }
                        results[i] = query.apply(net, sinks[i]);
                    }
                }));
            }
            EngineWorkers.awaitAll(futures);
            progress.checkCancelled();
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return list;
    }

    /** True when the test holds for every sink; stops at the first sink where it fails. */
    boolean allSinks(FlowNetwork base, int[] sinks, java.util.function.BiPredicate<FlowNetwork, Integer> test,
                     Progress progress) {
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        Progress stopOnFailure = new Progress() {
            @Override
            public void report(String stage, double fraction) {
            }

            @Override
            public boolean isCancelled() {
                return failed.get() || progress.isCancelled();
            }
        };
        try {
            forEachSink(base, sinks, (net, v) -> {
                if (!failed.get() && !test.test(net, v)) {
                    failed.set(true);
                }
                return null;
            }, stopOnFailure);
        } catch (CancelledException e) {
            progress.checkCancelled();
        }
        return !failed.get();
    }
}
