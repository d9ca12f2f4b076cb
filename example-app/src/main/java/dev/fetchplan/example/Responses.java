package dev.fetchplan.example;

import dev.fetchplan.blog.Comment;
import dev.fetchplan.blog.Post;
import dev.fetchplan.blog.PostCount;
import dev.fetchplan.blog.PostWithComments;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;
import java.util.List;

/** The JSON bodies of the service, exactly as clients rely on them (field names and nesting). */
final class Responses {

    private Responses() {
    }

    /** A page of users; {@code nextAfter} is the cursor for the next page, null on the last one. */
    record Page<T>(List<T> users, Long nextAfter) {
    }

    record UserJson(long id, String name) {
    }

    record PostJson(long id, String title, String createdAt) {
        static PostJson of(Post post) {
            return new PostJson(post.id(), post.title(), post.createdAt().toString());
        }
    }

    record UserWithPostsJson(long id, String name, List<PostJson> posts) {
        static UserWithPostsJson of(UserWithPosts user) {
            return new UserWithPostsJson(user.id(), user.name(), user.posts().stream().map(PostJson::of).toList());
        }
    }

    record AuthorJson(long id, String name) {
    }

    record CommentJson(long id, String content, String createdAt, AuthorJson author) {
        static CommentJson of(Comment comment) {
            return new CommentJson(comment.id(), comment.content(), comment.createdAt().toString(),
                    new AuthorJson(comment.author().id(), comment.author().name()));
        }
    }

    record PostWithCommentsJson(long id, String title, String createdAt, List<CommentJson> comments) {
        static PostWithCommentsJson of(PostWithComments post) {
            return new PostWithCommentsJson(post.id(), post.title(), post.createdAt().toString(),
                    post.comments().stream().map(CommentJson::of).toList());
        }
    }

    record UserWithPostsAndCommentsJson(long id, String name, List<PostWithCommentsJson> posts) {
        static UserWithPostsAndCommentsJson of(UserWithPostsAndComments user) {
            return new UserWithPostsAndCommentsJson(user.id(), user.name(), user.posts().stream().map(PostWithCommentsJson::of).toList());
        }
    }

    record PostCountJson(long userId, String name, long postCount) {
        static PostCountJson of(PostCount count) {
            return new PostCountJson(count.userId(), count.name(), count.postCount());
        }
    }

    record PostCounts(List<PostCountJson> postCounts) {
    }

    record Health(String status) {
    }

    record Error(String error) {
    }
}
