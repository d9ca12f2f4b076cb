package dev.fetchplan.example.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Samples this JVM's heap in use and its platform threads at an interval; keeps the maxima. */
public final class Monitor implements AutoCloseable {

    private final AtomicLong maxHeap = new AtomicLong();
    private final AtomicInteger maxThreads = new AtomicInteger();
    private final Thread sampler;
    private volatile boolean stopped;

    private Monitor(Duration interval) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        sampler = Thread.ofPlatform().daemon().name("monitor").start(() -> {
            while (!stopped) {
                maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                maxThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Samples every 100 ms. */
    public static Monitor start() {
        return new Monitor(Duration.ofMillis(100));
    }

    public static Monitor start(Duration interval) {
        return new Monitor(interval);
    }

    public long maxHeapBytes() {
        return maxHeap.get();
    }

    public int maxThreads() {
        return maxThreads.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        sampler.interrupt();
        sampler.join();
    }
}
