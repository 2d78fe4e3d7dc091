package io.caravan.bench;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** A closed-loop load: {@code clients} threads, each with its own client, calling for a number of seconds; latency in HdrHistogram. */
final class Load {

    private Load() {
    }

    /** A measured run: operations, their rate and latency (microseconds), failures. */
    record Result(String name, long ops, double seconds, Histogram latency, long errors) {
        double rate() {
            return ops / seconds;
        }

        double p50Millis() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }

        /** A Markdown table row: | name | ops | per second | p50 ms | p99 ms | max ms | errors |. */
        String row() {
            return String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %d |", name, ops, rate(),
                    p50Millis(), p99Millis(), latency.getMaxValue() / 1000.0, errors);
        }
    }

    /** One call of a client; false (or an exception) counts as an error. */
    interface Call {
        boolean call() throws Exception;
    }

    /** Makes one client's call (its own connection); run once per client thread before the clock starts. */
    interface ClientFactory {
        Call create() throws Exception;
    }

    static Result drive(String name, int clients, int seconds, ClientFactory factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Recorder recorder = new Recorder(3);
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < clients; i++) {
            pool.execute(() -> {
                try {
                    Call call = factory.create();
                    ready.countDown();
                    go.await();
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        boolean success;
                        try {
                            success = call.call();
                        } catch (Exception e) {
                            success = false;
                        }
                        recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                        (success ? ok : errors).increment();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        ready.await();
        long t0 = System.nanoTime();
        go.countDown();
        TimeUnit.SECONDS.sleep(seconds);
        stop.set(true);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        return new Result(name, ok.sum(), elapsed, recorder.getIntervalHistogram(), errors.sum());
    }
}
