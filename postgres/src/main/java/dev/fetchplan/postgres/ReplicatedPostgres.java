package dev.fetchplan.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A primary and physical streaming replicas in hot standby on this machine, from the embedded binaries alone (no
 * {@code pg_basebackup}, no Docker): each replica is a base backup of the primary taken with
 * {@code pg_backup_start}/{@code pg_backup_stop} and a file copy, started with {@code standby.signal} and a
 * {@code primary_conninfo} on a replication slot of its own, so it streams the primary's WAL from where the backup
 * began. Replicas can be stopped and started again. Not thread-safe: one controller.
 */
public final class ReplicatedPostgres implements AutoCloseable {

    /** Server files a base backup leaves out (recreated empty, or irrelevant to a standby); see PostgreSQL's docs on backups. */
    private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private final RestartablePostgres primary;
    private final List<RestartablePostgres> replicas = new ArrayList<>();

    private ReplicatedPostgres(RestartablePostgres primary) {
        this.primary = primary;
    }

    /** Starts a primary and {@code replicas} replicas, each replaying the primary's WAL as it is written. */
    public static ReplicatedPostgres start(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas is " + replicas + "; allowed: 1 or more");
        }
        ReplicatedPostgres cluster = new ReplicatedPostgres(RestartablePostgres.start(Map.of("wal_level", "replica",
                "max_wal_senders", "10", "max_replication_slots", "10", "hot_standby", "on")));
        try {
            for (int i = 0; i < replicas; i++) {
                cluster.replicas.add(cluster.startReplica("replica_" + (i + 1)));
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public RestartablePostgres primary() {
        return primary;
    }

    public List<RestartablePostgres> replicas() {
        return List.copyOf(replicas);
    }

    private RestartablePostgres startReplica(String slot) {
        Path copy;
        try {
            copy = Files.createTempDirectory("fetchplan-" + slot + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for " + slot, e);
        }
        try (Connection connection = primary.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            statement.execute("SELECT pg_backup_start('" + slot + "', true)");
            copyTree(primary.dataDirectory(), copy);
            try (ResultSet stop = statement.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(copy.resolve("backup_label"), stop.getString(1));
                String tablespaces = stop.getString(2);
                if (tablespaces != null && !tablespaces.isEmpty()) {
                    Files.writeString(copy.resolve("tablespace_map"), tablespaces);
                }
            }
            Files.writeString(copy.resolve("standby.signal"), "");
            Files.writeString(copy.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=localhost port=" + primary.port()
                    + " user=postgres application_name=" + slot + "'\nprimary_slot_name = '" + slot + "'\n",
                    java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE);
        } catch (SQLException e) {
            RestartablePostgres.deleteRecursively(copy);
            throw new IllegalStateException("Cannot take a base backup of the primary for " + slot + ": " + e.getMessage(), e);
        } catch (IOException e) {
            RestartablePostgres.deleteRecursively(copy);
            throw new UncheckedIOException("Cannot copy the primary's data directory for " + slot, e);
        }
        try {
            return RestartablePostgres.startOn(copy, Map.of("hot_standby", "on"));
        } catch (RuntimeException e) {
            RestartablePostgres.deleteRecursively(copy);
            throw e;
        }
    }

    /** Copies a running server's data directory the way a base backup may: files that vanish meanwhile are skipped, nothing else. */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Path relative = from.relativize(directory);
                if (relative.getNameCount() > 1 && EMPTIED.contains(relative.getName(0).toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = from.relativize(file);
                String top = relative.getName(0).toString();
                if (LEFT_OUT.contains(top) || (EMPTIED.contains(top) && relative.getNameCount() > 1)) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException vanished) {
                    // A temporary file the server removed while we copied; replaying the WAL restores what matters.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }
        });
        Files.createDirectories(to.resolve("pg_wal").resolve("archive_status"));
    }

    /** Stops every replica, then the primary, and deletes their data. */
    @Override
    public void close() {
        RuntimeException failure = null;
        List<RestartablePostgres> nodes = new ArrayList<>(replicas);
        nodes.add(primary);
        for (RestartablePostgres node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
