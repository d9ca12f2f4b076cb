package dev.fetchplan.bench.hibernate;

import dev.fetchplan.blog.Author;
import dev.fetchplan.blog.Comment;
import dev.fetchplan.blog.Post;
import dev.fetchplan.blog.PostWithComments;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;

/**
 * Maps loaded entities to fetchplan's result records, keeping the order of each collection. It must run while
 * the session is open: on an unloaded association it triggers whatever lazy load the session's strategy
 * provides, which is what the lazy, batch and subselect contenders measure.
 */
final class EntityMapper {

    private EntityMapper() {
    }

    /** Reads the user's posts but never their comments. */
    static UserWithPosts userWithPosts(UserEntity user) {
        return new UserWithPosts(user.getId(), user.getName(), user.getEmail(), user.getCreatedAt(),
                user.getPosts().stream().map(EntityMapper::post).toList());
    }

    static UserWithPostsAndComments userWithPostsAndComments(UserEntity user) {
        return new UserWithPostsAndComments(user.getId(), user.getName(), user.getEmail(), user.getCreatedAt(),
                user.getPosts().stream().map(EntityMapper::postWithComments).toList());
    }

    private static Post post(PostEntity post) {
        return new Post(post.getId(), post.getTitle(), post.getCreatedAt());
    }

    private static PostWithComments postWithComments(PostEntity post) {
        return new PostWithComments(post.getId(), post.getTitle(), post.getCreatedAt(),
                post.getComments().stream().map(EntityMapper::comment).toList());
    }

    private static Comment comment(CommentEntity comment) {
        UserEntity author = comment.getAuthor();
        return new Comment(comment.getId(), comment.getContent(), comment.getCreatedAt(),
                new Author(author.getId(), author.getName()));
    }
}
