package dev.fetchplan.example.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Samples this JVM's heap in use (after the last collection's effect) and its platform threads every 100 ms; keeps the maxima. */
public final class Monitor implements AutoCloseable {

    private final AtomicLong maxHeap = new AtomicLong();
    private final AtomicInteger maxThreads = new AtomicInteger();
    private final Thread sampler;
    private volatile boolean stopped;

    private Monitor() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        sampler = Thread.ofPlatform().daemon().name("monitor").start(() -> {
            while (!stopped) {
                maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                maxThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    public static Monitor start() {
        return new Monitor();
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
