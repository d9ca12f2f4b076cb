package dev.fetchplan.bench;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;

import dev.fetchplan.blog.Author;
import dev.fetchplan.blog.Comment;
import dev.fetchplan.blog.Post;
import dev.fetchplan.blog.PostWithComments;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;
import dev.fetchplan.schema.jooq.tables.records.PostsRecord;
import dev.fetchplan.schema.jooq.tables.records.UsersRecord;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Result;

/** What lazy loading does, written out with jOOQ: the users, one query per user for posts, one per post for comments. */
final class NaiveJooqContender implements Contender {

    private final DSLContext dsl;

    NaiveJooqContender(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public String name() {
        return "naive-jooq";
    }

    @Override
    public List<UserWithPosts> usersWithPosts(int users) {
        return firstUsers(users).map(user -> new UserWithPosts(user.getId(), user.getName(), user.getEmail(), user.getCreatedAt(),
                postsOf(user.getId()).map(post -> new Post(post.getId(), post.getTitle(), post.getCreatedAt()))));
    }

    @Override
    public List<UserWithPostsAndComments> usersWithPostsAndComments(int users) {
        return firstUsers(users).map(user -> new UserWithPostsAndComments(user.getId(), user.getName(), user.getEmail(), user.getCreatedAt(),
                postsOf(user.getId()).map(post -> new PostWithComments(post.getId(), post.getTitle(), post.getCreatedAt(),
                        dsl.select(COMMENTS.ID, COMMENTS.CONTENT, COMMENTS.CREATED_AT, USERS.ID, USERS.NAME)
                                .from(COMMENTS).join(USERS).on(USERS.ID.eq(COMMENTS.AUTHOR_ID))
                                .where(COMMENTS.POST_ID.eq(post.getId()))
                                .orderBy(COMMENTS.CREATED_AT, COMMENTS.ID)
                                .fetch(row -> new Comment(row.value1(), row.value2(), row.value3(), new Author(row.value4(), row.value5())))))));
    }

    private Result<UsersRecord> firstUsers(int users) {
        return dsl.selectFrom(USERS).orderBy(USERS.ID).limit(users).fetch();
    }

    private Result<PostsRecord> postsOf(long userId) {
        return dsl.selectFrom(POSTS).where(POSTS.USER_ID.eq(userId)).orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc()).fetch();
    }
}
