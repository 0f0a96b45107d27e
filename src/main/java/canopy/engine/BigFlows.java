package canopy.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** One max-flow query per sink on all cores, each worker on its own copy of a {@link BigFlowNetwork}. */
final class BigFlows {
    interface Query<R> {
        R run(BigFlowNetwork net, int sink);
    }

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "canopy-bigflow");
        t.setDaemon(true);
        return t;
    });

    private BigFlows() {
    }

    /** Results in the order of sinks (null where the query returned null). */
    static <R> List<R> forEachSink(BigFlowNetwork base, int[] sinks, Query<R> query, Progress progress) {
        Object[] results = new Object[sinks.length];
        if (sinks.length < 4 || THREADS == 1) {
            for (int i = 0; i < sinks.length; i++) {
                progress.checkCancelled();
                results[i] = query.run(base, sinks[i]);
            }
        } else {
            AtomicInteger nextIndex = new AtomicInteger();
            BigFlowNetwork[] nets = new BigFlowNetwork[THREADS];
            for (int w = 0; w < THREADS; w++) {
                nets[w] = w == 0 ? base : base.copy();
            }
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                BigFlowNetwork net = nets[w];
                futures.add(POOL.submit(() -> {
                    int i;
                    while ((i = nextIndex.getAndIncrement()) < sinks.length) {
                        if (progress.isCancelled()) {
                            return;
                        }
                        results[i] = query.run(net, sinks[i]);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(c);
                }
            }
            progress.checkCancelled();
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return list;
    }
}
