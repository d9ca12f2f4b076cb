package dev.fetchplan.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fetchplan.postgres.LatencyProxy;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The benchmark's view of the seeded database: a HikariCP pool, directly (0 ms) or through a
 * {@link LatencyProxy} adding the configured round-trip latency, whose statements are counted. The server
 * itself is started once by {@link BenchMain} and named to the JMH forks by system properties.
 */
final class BenchDatabase implements AutoCloseable {

    static final String URL = "fetchplan.bench.url";
    static final String USER = "fetchplan.bench.user";
    static final String PASSWORD = "fetchplan.bench.password";

    private final LatencyProxy proxy;
    private final HikariDataSource pool;
    final StatementCounter counter = new StatementCounter();
    final DataSource dataSource;

    private BenchDatabase(LatencyProxy proxy, HikariDataSource pool) {
        this.proxy = proxy;
        this.pool = pool;
        this.dataSource = counter.counting(pool);
    }

    /** Connects to the database {@link BenchMain} prepared, adding {@code latencyMs} per round trip. */
    static BenchDatabase connect(int latencyMs) {
        String url = System.getProperty(URL);
        if (url == null) {
            throw new IllegalStateException("-D" + URL + " is not set: run the benchmarks through BenchMain (bin/bench)");
        }
        LatencyProxy proxy = null;
        if (latencyMs > 0) {
            String hostAndPort = url.replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
            proxy = LatencyProxy.start(hostAndPort.replaceFirst(":.*$", ""), Integer.parseInt(hostAndPort.replaceFirst("^.*:", "")),
                    Duration.ofMillis(latencyMs));
            url = url.replaceFirst("//[^/]+/", "//localhost:" + proxy.port() + "/");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getProperty(USER, "postgres"));
        config.setPassword(System.getProperty(PASSWORD, ""));
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        config.setPoolName("bench");
        return new BenchDatabase(proxy, new HikariDataSource(config));
    }

    @Override
    public void close() {
        pool.close();
        if (proxy != null) {
            proxy.close();
        }
    }
}
