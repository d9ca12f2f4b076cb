package dev.fetchplan.bench;

import dev.fetchplan.blog.Author;
import dev.fetchplan.blog.Comment;
import dev.fetchplan.blog.Post;
import dev.fetchplan.blog.PostWithComments;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The practical limit for a fetch in one round trip per level: hand-written JDBC, the same per-level
 * {@code = ANY(?)} statements fetchplan's BATCHED sends, mapped straight from the ResultSet into the records.
 * No transaction around the levels (so no snapshot guarantee either), no SQL building, no intermediate records.
 */
final class PlainJdbcContender implements Contender {

    private static final String USERS = "SELECT id, name, email, created_at FROM users ORDER BY id LIMIT ?";
    private static final String POSTS = "SELECT id, title, created_at, user_id FROM posts WHERE user_id = ANY(?) "
            + "ORDER BY user_id, created_at DESC, id DESC";
    private static final String COMMENTS = "SELECT c.id, c.content, c.created_at, a.id, a.name, c.post_id FROM comments c "
            + "JOIN users a ON a.id = c.author_id WHERE c.post_id = ANY(?) ORDER BY c.post_id, c.created_at, c.id";

    private record UserRow(long id, String name, String email, Instant createdAt) {
    }

    private record PostRow(long id, String title, Instant createdAt, long userId) {
    }

    private final DataSource dataSource;

    PlainJdbcContender(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "plain-jdbc";
    }

    @Override
    public List<UserWithPosts> usersWithPosts(int users) {
        try (Connection connection = dataSource.getConnection()) {
            List<UserRow> userRows = users(connection, users);
            Map<Long, List<Post>> posts = new HashMap<>();
            for (PostRow post : posts(connection, userRows)) {
                posts.computeIfAbsent(post.userId(), key -> new ArrayList<>()).add(new Post(post.id(), post.title(), post.createdAt()));
            }
            return userRows.stream().map(user -> new UserWithPosts(user.id(), user.name(), user.email(), user.createdAt(),
                    posts.getOrDefault(user.id(), List.of()))).toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<UserWithPostsAndComments> usersWithPostsAndComments(int users) {
        try (Connection connection = dataSource.getConnection()) {
            List<UserRow> userRows = users(connection, users);
            List<PostRow> postRows = posts(connection, userRows);
            Map<Long, List<Comment>> comments = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(COMMENTS)) {
                statement.setArray(1, ids(connection, postRows.stream().mapToLong(PostRow::id).toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        comments.computeIfAbsent(rows.getLong(6), key -> new ArrayList<>()).add(new Comment(rows.getLong(1), rows.getString(2),
                                rows.getObject(3, OffsetDateTime.class).toInstant(), new Author(rows.getLong(4), rows.getString(5))));
                    }
                }
            }
            Map<Long, List<PostWithComments>> posts = new HashMap<>();
            for (PostRow post : postRows) {
                posts.computeIfAbsent(post.userId(), key -> new ArrayList<>()).add(new PostWithComments(post.id(), post.title(), post.createdAt(),
                        comments.getOrDefault(post.id(), List.of())));
            }
            return userRows.stream().map(user -> new UserWithPostsAndComments(user.id(), user.name(), user.email(), user.createdAt(),
                    posts.getOrDefault(user.id(), List.of()))).toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<UserRow> users(Connection connection, int users) throws SQLException {
        List<UserRow> rows = new ArrayList<>(users);
        try (PreparedStatement statement = connection.prepareStatement(USERS)) {
            statement.setInt(1, users);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new UserRow(result.getLong(1), result.getString(2), result.getString(3),
                            result.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return rows;
    }

    private static List<PostRow> posts(Connection connection, List<UserRow> users) throws SQLException {
        List<PostRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(POSTS)) {
            statement.setArray(1, ids(connection, users.stream().mapToLong(UserRow::id).toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new PostRow(result.getLong(1), result.getString(2), result.getObject(3, OffsetDateTime.class).toInstant(),
                            result.getLong(4)));
                }
            }
        }
        return rows;
    }

    private static Array ids(Connection connection, long[] ids) throws SQLException {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        return connection.createArrayOf("bigint", boxed);
    }
}
