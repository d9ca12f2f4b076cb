package dev.fetchplan;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;
import static java.util.Comparator.comparing;

import dev.fetchplan.blog.Author;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.Comment;
import dev.fetchplan.blog.Post;
import dev.fetchplan.blog.PostWithComments;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.Record4;

/**
 * A blog dataset for tests: seeded deterministically from a random seed with the cases that break fetchers
 * (users without posts, posts without comments, equal timestamps, unicode and emoji, JSON-hostile characters,
 * long texts), read back as plain rows, and an oracle that computes in plain Java what a fetch must return.
 */
final class BlogData {

    record UserRow(long id, String name, String email, Instant createdAt) {
    }

    record PostRow(long id, long userId, String title, Instant createdAt) {
    }

    record CommentRow(long id, long postId, long authorId, String content, Instant createdAt) {
    }

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> NAMES = List.of(
            "Ada", "Zoë", "李小龍", "Ωmega", "O'Brien", "Quote \"Q\" Person", "Back\\slash", "Émilie Dupré",
            "👩‍💻 Dev", "Ünïcödé ✓", "Line\nBreak", "Tab\tName", "Ctrl\u0001Char", "Sep\u2028Line", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢");
    private static final List<String> WORDS = List.of(
            "hello", "world", "N+1", "{\"json\": [1, 2]}", "\\n is not a newline", "🎉", "ß", "日本語", "'single'",
            "\"double\"", "back\\\\slash", "</script>", "multi\nline\ntext", "\r\n", "\u0007bell", "emoji 👍🏽", "∑∫√");

    final List<UserRow> users;
    final List<PostRow> posts;
    final List<CommentRow> comments;

    private BlogData(List<UserRow> users, List<PostRow> posts, List<CommentRow> comments) {
        this.users = users;
        this.posts = posts;
        this.comments = comments;
    }

    /** Inserts a random dataset of {@code userCount} users into an empty database and reads it back. */
    static BlogData seedRandom(DSLContext dsl, long seed, int userCount) {
        Random random = new Random(seed);
        List<Record3<String, String, Instant>> userRows = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            String name = NAMES.get(random.nextInt(NAMES.size())) + " " + i;
            userRows.add(dsl.newRecord(USERS.NAME, USERS.EMAIL, USERS.CREATED_AT)
                    .values(name, "user" + seed + "_" + i + "@example.com", timestamp(random)));
        }
        insertInChunks(userRows, chunk -> dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL, USERS.CREATED_AT).valuesOfRecords(chunk).execute());
        List<Long> userIds = dsl.select(USERS.ID).from(USERS).orderBy(USERS.ID).fetch(USERS.ID);

        List<Record3<Long, String, Instant>> postRows = new ArrayList<>();
        for (long userId : userIds) {
            int count = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(random.nextInt(10) == 0 ? 30 : 8);
            for (int i = 0; i < count; i++) {
                postRows.add(dsl.newRecord(POSTS.USER_ID, POSTS.TITLE, POSTS.CREATED_AT).values(userId, text(random, 300), timestamp(random)));
            }
        }
        insertInChunks(postRows, chunk -> dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CREATED_AT).valuesOfRecords(chunk).execute());
        List<Long> postIds = dsl.select(POSTS.ID).from(POSTS).orderBy(POSTS.ID).fetch(POSTS.ID);

        List<Record4<Long, Long, String, Instant>> commentRows = new ArrayList<>();
        for (long postId : postIds) {
            int count = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                long author = userIds.get(random.nextInt(userIds.size()));
                int maxLength = random.nextInt(20) == 0 ? 10_000 : 200;
                commentRows.add(dsl.newRecord(COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT, COMMENTS.CREATED_AT)
                        .values(postId, author, text(random, maxLength), timestamp(random)));
            }
        }
        insertInChunks(commentRows, chunk -> dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT, COMMENTS.CREATED_AT)
                .valuesOfRecords(chunk).execute());
        return read(dsl);
    }

    /** Everything in the database, as plain rows. */
    static BlogData read(DSLContext dsl) {
        return new BlogData(
                dsl.selectFrom(USERS).fetch(r -> new UserRow(r.getId(), r.getName(), r.getEmail(), r.getCreatedAt())),
                dsl.selectFrom(POSTS).fetch(r -> new PostRow(r.getId(), r.getUserId(), r.getTitle(), r.getCreatedAt())),
                dsl.selectFrom(COMMENTS).fetch(r -> new CommentRow(r.getId(), r.getPostId(), r.getAuthorId(), r.getContent(), r.getCreatedAt())));
    }

    /** What {@link BlogQueries#fetchUsersWithPostsAndComments} must return, computed without SQL. */
    List<UserWithPostsAndComments> expectedWithComments(UserQuery query) {
        Map<Long, UserRow> usersById = users.stream().collect(Collectors.toMap(UserRow::id, Function.identity()));
        Map<Long, List<CommentRow>> commentsByPost = comments.stream().collect(Collectors.groupingBy(CommentRow::postId));
        return page(query).map(user -> new UserWithPostsAndComments(user.id(), user.name(), user.email(), user.createdAt(),
                postsOf(user, query).map(post -> new PostWithComments(post.id(), post.title(), post.createdAt(),
                        limit(commentsByPost.getOrDefault(post.id(), List.of()).stream()
                                .sorted(comparing(CommentRow::createdAt).thenComparing(CommentRow::id)), query.commentsPerPost().orElse(Integer.MAX_VALUE))
                                .map(comment -> new Comment(comment.id(), comment.content(), comment.createdAt(),
                                        new Author(comment.authorId(), usersById.get(comment.authorId()).name())))
                                .toList()))
                        .toList()))
                .toList();
    }

    /** What {@link BlogQueries#fetchUsersWithPosts} must return, computed without SQL. */
    List<UserWithPosts> expectedWithPosts(UserQuery query) {
        return page(query).map(user -> new UserWithPosts(user.id(), user.name(), user.email(), user.createdAt(),
                postsOf(user, query).map(post -> new Post(post.id(), post.title(), post.createdAt())).toList())).toList();
    }

    private Stream<UserRow> page(UserQuery query) {
        return limit(users.stream()
                .filter(user -> user.id() > query.after())
                .filter(user -> query.userIds().map(ids -> ids.contains(user.id())).orElse(true))
                .sorted(comparing(UserRow::id)), query.pageSize());
    }

    private Stream<PostRow> postsOf(UserRow user, UserQuery query) {
        Comparator<PostRow> newestFirst = comparing(PostRow::createdAt).thenComparing(PostRow::id).reversed();
        return limit(posts.stream().filter(post -> post.userId() == user.id()).sorted(newestFirst),
                query.postsPerUser().orElse(Integer.MAX_VALUE));
    }

    private static <T> Stream<T> limit(Stream<T> stream, int limit) {
        return stream.limit(limit);
    }

    /** Few distinct instants, so that many rows tie and only the id tiebreak orders them; microsecond precision. */
    private static Instant timestamp(Random random) {
        Instant instant = BASE.plus(random.nextInt(4), ChronoUnit.MINUTES);
        return random.nextBoolean() ? instant : instant.plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
    }

    private static String text(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        int target = 1 + random.nextInt(maxLength);
        while (text.length() < target) {
            text.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
        }
        String trimmed = text.substring(0, Math.min(text.length(), maxLength));
        // Never cut a surrogate pair in half, and never leave only blanks (the schema rejects those).
        if (Character.isHighSurrogate(trimmed.charAt(trimmed.length() - 1))) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isBlank() ? "x" : trimmed;
    }

    private static <R> void insertInChunks(List<R> rows, java.util.function.Consumer<List<R>> insert) {
        for (int from = 0; from < rows.size(); from += 1000) {
            insert.accept(rows.subList(from, Math.min(rows.size(), from + 1000)));
        }
    }
}
