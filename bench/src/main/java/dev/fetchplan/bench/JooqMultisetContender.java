package dev.fetchplan.bench;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.jooq.Records.mapping;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

import dev.fetchplan.blog.Author;
import dev.fetchplan.blog.Comment;
import dev.fetchplan.blog.Post;
import dev.fetchplan.blog.PostWithComments;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;
import java.util.List;
import org.jooq.DSLContext;

/**
 * What a jOOQ user writes today: nested {@code multiset(...)} with jOOQ's defaults (JSONB emulation on
 * PostgreSQL, ORDER BY inside the nested selects, implicit join for the author) and {@code Records.mapping}.
 */
final class JooqMultisetContender implements Contender {

    private final DSLContext dsl;

    JooqMultisetContender(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public String name() {
        return "jooq-multiset";
    }

    @Override
    public List<UserWithPosts> usersWithPosts(int users) {
        return dsl.select(USERS.ID, USERS.NAME, USERS.EMAIL, USERS.CREATED_AT,
                        multiset(select(POSTS.ID, POSTS.TITLE, POSTS.CREATED_AT).from(POSTS)
                                .where(POSTS.USER_ID.eq(USERS.ID)).orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc()))
                                .convertFrom(posts -> posts.map(mapping(Post::new))))
                .from(USERS).orderBy(USERS.ID).limit(users)
                .fetch(mapping(UserWithPosts::new));
    }

    @Override
    public List<UserWithPostsAndComments> usersWithPostsAndComments(int users) {
        return dsl.select(USERS.ID, USERS.NAME, USERS.EMAIL, USERS.CREATED_AT,
                        multiset(select(POSTS.ID, POSTS.TITLE, POSTS.CREATED_AT,
                                multiset(select(COMMENTS.ID, COMMENTS.CONTENT, COMMENTS.CREATED_AT, COMMENTS.users().ID, COMMENTS.users().NAME)
                                        .from(COMMENTS).where(COMMENTS.POST_ID.eq(POSTS.ID)).orderBy(COMMENTS.CREATED_AT, COMMENTS.ID))
                                        .convertFrom(comments -> comments.map(row -> new Comment(row.value1(), row.value2(), row.value3(),
                                                new Author(row.value4(), row.value5())))))
                                .from(POSTS).where(POSTS.USER_ID.eq(USERS.ID)).orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc()))
                                .convertFrom(posts -> posts.map(mapping(PostWithComments::new))))
                .from(USERS).orderBy(USERS.ID).limit(users)
                .fetch(mapping(UserWithPostsAndComments::new));
    }
}
