package dev.fetchplan.bench;

import dev.fetchplan.blog.Author;
import dev.fetchplan.blog.Comment;
import dev.fetchplan.blog.Post;
import dev.fetchplan.blog.PostWithComments;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The practical limit for a fetch in one statement: hand-written JDBC sending the statement fetchplan's STACKED
 * sends for the blog (a CTE per level, each row numbered in its level's order; posts and comments found by
 * {@code = ANY(ARRAY(SELECT id FROM parent level))} and carrying their parent's id; the levels stacked by
 * {@code UNION ALL}), read with typed getters and put together by number and id straight into the records. No
 * SQL building, no intermediate rows, no generality.
 */
final class PlainJdbcStackedContender implements Contender {

    private static final String USERS = """
            u AS MATERIALIZED (SELECT id, name, email, created_at, row_number() OVER (ORDER BY id) AS rn
                               FROM (SELECT id, name, email, created_at FROM users ORDER BY id LIMIT ?) page)""";
    private static final String POSTS_OF_USERS = """
            SELECT id, title, created_at, user_id, row_number() OVER (ORDER BY created_at DESC, id DESC) AS rn
            FROM posts WHERE user_id = ANY(ARRAY(SELECT id FROM u))""";
    private static final String WITH_POSTS = "WITH " + USERS + ", p AS NOT MATERIALIZED (" + POSTS_OF_USERS + """
            )
            SELECT 0 AS lvl, rn, NULL::bigint AS parent, id, name, email, created_at, NULL::text AS title FROM u
            UNION ALL SELECT 1, rn, user_id, id, NULL, NULL, created_at, title FROM p""";
    private static final String WITH_COMMENTS = "WITH " + USERS + ", p AS MATERIALIZED (" + POSTS_OF_USERS + """
            ),
            c AS NOT MATERIALIZED (SELECT c.id, c.content, c.created_at, a.id AS author_id, a.name AS author_name, c.post_id,
                                          row_number() OVER (ORDER BY c.created_at, c.id) AS rn
                                   FROM comments c JOIN users a ON a.id = c.author_id WHERE c.post_id = ANY(ARRAY(SELECT id FROM p)))
            SELECT 0 AS lvl, rn, NULL::bigint AS parent, id, name, email, created_at, NULL::text AS text, NULL::bigint AS author_id FROM u
            UNION ALL SELECT 1, rn, user_id, id, NULL, NULL, created_at, title, NULL FROM p
            UNION ALL SELECT 2, rn, post_id, id, author_name, NULL, created_at, content, author_id FROM c""";

    private final DataSource dataSource;

    PlainJdbcStackedContender(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "plain-jdbc-stacked";
    }

    @Override
    public List<UserWithPosts> usersWithPosts(int users) {
        Rows rows = fetch(WITH_POSTS, users);
        Map<Long, Integer> userAt = positions(rows.users);
        List<Post>[] posts = children(rows.users.size());
        for (Object[] post : rows.posts) {
            posts[userAt.get((Long) post[4])].add(new Post((Long) post[0], (String) post[1], (Instant) post[2]));
        }
        List<UserWithPosts> result = new ArrayList<>(rows.users.size());
        for (int i = 0; i < rows.users.size(); i++) {
            Object[] user = rows.users.get(i);
            result.add(new UserWithPosts((Long) user[0], (String) user[1], (String) user[2], (Instant) user[3], List.copyOf(posts[i])));
        }
        return result;
    }

    @Override
    public List<UserWithPostsAndComments> usersWithPostsAndComments(int users) {
        Rows rows = fetch(WITH_COMMENTS, users);
        Map<Long, Integer> postAt = positions(rows.posts);
        Map<Long, Integer> userAt = positions(rows.users);
        List<Comment>[] comments = children(rows.posts.size());
        for (Object[] comment : rows.comments) {
            comments[postAt.get((Long) comment[5])].add(new Comment((Long) comment[0], (String) comment[1], (Instant) comment[2],
                    new Author((Long) comment[3], (String) comment[4])));
        }
        List<PostWithComments>[] posts = children(rows.users.size());
        for (int i = 0; i < rows.posts.size(); i++) {
            Object[] post = rows.posts.get(i);
            posts[userAt.get((Long) post[4])].add(new PostWithComments((Long) post[0], (String) post[1], (Instant) post[2],
                    List.copyOf(comments[i])));
        }
        List<UserWithPostsAndComments> result = new ArrayList<>(rows.users.size());
        for (int i = 0; i < rows.users.size(); i++) {
            Object[] user = rows.users.get(i);
            result.add(new UserWithPostsAndComments((Long) user[0], (String) user[1], (String) user[2], (Instant) user[3],
                    List.copyOf(posts[i])));
        }
        return result;
    }

    /**
     * Each level's rows, placed by their numbers: users (id, name, email, created), posts (id, title, created, -,
     * user id), comments (id, content, created, author id, author name, post id).
     */
    private record Rows(List<Object[]> users, List<Object[]> posts, List<Object[]> comments) {
    }

    private Rows fetch(String sql, int users) {
        List<Object[]> userRows = new ArrayList<>();
        List<Object[]> postRows = new ArrayList<>();
        List<Object[]> commentRows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, users);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    int level = result.getInt(1);
                    int number = (int) result.getLong(2);
                    Instant created = result.getObject(7, OffsetDateTime.class).toInstant();
                    switch (level) {
                        case 0 -> place(userRows, number, new Object[] {result.getLong(4), result.getString(5), result.getString(6), created});
                        case 1 -> place(postRows, number, new Object[] {result.getLong(4), result.getString(8), created, null, result.getLong(3)});
                        default -> place(commentRows, number, new Object[] {result.getLong(4), result.getString(8), created,
                            result.getLong(9), result.getString(5), result.getLong(3)});
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Rows(userRows, postRows, commentRows);
    }

    /** Puts {@code row} at its number (1-based) in {@code rows}, which may arrive in any order. */
    private static void place(List<Object[]> rows, int number, Object[] row) {
        while (rows.size() < number) {
            rows.add(null);
        }
        rows.set(number - 1, row);
    }

    /** Each row's place by its id (the first value). */
    private static Map<Long, Integer> positions(List<Object[]> rows) {
        Map<Long, Integer> positions = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            positions.put((Long) rows.get(i)[0], i);
        }
        return positions;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T>[] children(int parents) {
        List<T>[] lists = new List[parents];
        Arrays.setAll(lists, i -> new ArrayList<>());
        return lists;
    }
}
