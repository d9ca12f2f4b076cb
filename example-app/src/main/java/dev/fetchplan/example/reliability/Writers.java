package dev.fetchplan.example.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers that change the blog while it is read: each inserts a post with {@link #COMMENTS_PER_POST} comments in
 * one transaction, and deletes one of its older posts (its comments go with it, ON DELETE CASCADE) in another.
 * A writer whose connection fails opens a new one and goes on: its failures are counted, not fatal.
 */
public final class Writers implements AutoCloseable {

    public static final String TITLE = "Writer post";
    public static final int COMMENTS_PER_POST = 3;
    /** Posts a writer keeps before it deletes its oldest. */
    private static final int KEPT = 20;
    /** A writer's pause between two writes: writers change the data all along without taking the CPU from the readers. */
    private static final long PACE_MILLIS = 5;

    private final String url;
    private final String user;
    private final String password;
    private final int users;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopped;

    private Writers(String url, String user, String password, int users) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.users = users;
    }

    /** Starts {@code writers} writers on the database at {@code url}, writing as the users with ids 1 to {@code users}. */
    public static Writers start(String url, String user, String password, int users, int writers) {
        Writers started = new Writers(url, user, password, users);
        for (int i = 0; i < writers; i++) {
            started.threads.add(Thread.ofPlatform().daemon().name("blog-writer-" + i).start(started::write));
        }
        return started;
    }

    public long inserted() {
        return inserted.get();
    }

    public long deleted() {
        return deleted.get();
    }

    public long failures() {
        return failures.get();
    }

    private void write() {
        Deque<Long> mine = new ArrayDeque<>();
        while (!stopped) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                connection.setAutoCommit(false);
                while (!stopped) {
                    mine.addLast(insertPost(connection));
                    inserted.incrementAndGet();
                    if (mine.size() > KEPT) {
                        deletePost(connection, mine.removeFirst());
                        deleted.incrementAndGet();
                    }
                    pause(PACE_MILLIS);
                }
            } catch (SQLException e) {
                failures.incrementAndGet();
                pause(50);
            }
        }
    }

    private long insertPost(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (PreparedStatement post = connection.prepareStatement("INSERT INTO posts (user_id, title) VALUES (?, ?) RETURNING id");
             PreparedStatement comment = connection.prepareStatement("INSERT INTO comments (post_id, author_id, content) VALUES (?, ?, ?)")) {
            post.setLong(1, 1 + random.nextInt(users));
            post.setString(2, TITLE);
            long id;
            try (ResultSet result = post.executeQuery()) {
                result.next();
                id = result.getLong(1);
            }
            for (int i = 0; i < COMMENTS_PER_POST; i++) {
                comment.setLong(1, id);
                comment.setLong(2, 1 + random.nextInt(users));
                comment.setString(3, "Writer comment on post " + id);
                comment.addBatch();
            }
            comment.executeBatch();
            connection.commit();
            return id;
        } catch (SQLException e) {
            rollback(connection);
            throw e;
        }
    }

    private static void deletePost(Connection connection, long id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM posts WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollback(connection);
            throw e;
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the caller opens a new one.
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
