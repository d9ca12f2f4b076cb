package dev.fetchplan.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback that delays every chunk of bytes by half the configured round-trip latency in each
 * direction, so that a client behind it sees the database as if it were farther away. Chunks keep their
 * order and are not serialised behind each other's delays (a pipelined stream stays pipelined). Portable and
 * needs no privileges (no tc/netem). The relays are platform threads: parked virtual threads woke ~0.3 ms late,
 * too much for a 1 ms setting. Thread-safe; closing it drops all connections.
 */
public final class LatencyProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String upstreamHost;
    private final int upstreamPort;
    private final long oneWayNanos;
    private volatile boolean open = true;

    private LatencyProxy(ServerSocket listener, String upstreamHost, int upstreamPort, Duration roundTrip) {
        this.listener = listener;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.oneWayNanos = roundTrip.toNanos() / 2;
    }

    /** Starts a proxy to {@code upstreamHost:upstreamPort} adding {@code roundTrip} to every round trip. */
    public static LatencyProxy start(String upstreamHost, int upstreamPort, Duration roundTrip) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            LatencyProxy proxy = new LatencyProxy(listener, upstreamHost, upstreamPort, roundTrip);
            Thread.ofVirtual().name("delay-proxy-accept").start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the delay proxy: " + e.getMessage(), e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(upstreamHost, upstreamPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                relay(client, upstream);
                relay(upstream, client);
            } catch (IOException e) {
                if (open) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Reads from {@code from}, and writes each chunk to {@code to} once its delay has passed. */
    private void relay(Socket from, Socket to) {
        BlockingQueue<Chunk> due = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    due.put(new Chunk(System.nanoTime() + oneWayNanos, Arrays.copyOf(buffer, read)));
                }
            } catch (IOException | InterruptedException e) {
                // The connection ended; the writer closes its side below.
            }
            due.add(Chunk.END);
        });
        Thread.ofPlatform().daemon().start(() -> {
            try (OutputStream out = to.getOutputStream()) {
                for (Chunk chunk = due.take(); chunk != Chunk.END; chunk = due.take()) {
                    long wait;
                    while ((wait = chunk.dueNanos() - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // The other side went away.
            } finally {
                closeQuietly(to);
                closeQuietly(from);
            }
        });
    }

    @Override
    public void close() {
        open = false;
        closeQuietly(listener);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }

    private record Chunk(long dueNanos, byte[] bytes) {
        static final Chunk END = new Chunk(0, new byte[0]);
    }
}
