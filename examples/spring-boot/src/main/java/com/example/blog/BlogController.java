package com.example.blog;

import dev.fetchplan.FetchStrategy;
import dev.fetchplan.blog.BlogCounts;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.PostCount;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The blog's read endpoints: each request is one fetch plan (one statement, or one per level) or one aggregate, whatever
 * the page size. Without {@code strategy} a fetch runs with the service's {@code fetchplan.strategy}.
 */
@RestController
class BlogController {

    private final BlogQueries blog;
    private final BlogCounts counts;

    BlogController(BlogQueries blog, BlogCounts counts) {
        this.blog = blog;
        this.counts = counts;
    }

    @GetMapping("/users-with-posts")
    List<UserWithPosts> usersWithPosts(@RequestParam(defaultValue = "20") int pageSize, @RequestParam(defaultValue = "0") long after,
                                       @RequestParam Optional<Integer> postsPerUser, @RequestParam Optional<FetchStrategy> strategy) {
        return blog.fetchUsersWithPosts(query(pageSize, after, postsPerUser, strategy).build());
    }

    @GetMapping("/users-with-posts-and-comments")
    List<UserWithPostsAndComments> usersWithPostsAndComments(@RequestParam(defaultValue = "20") int pageSize,
                                                             @RequestParam(defaultValue = "0") long after,
                                                             @RequestParam Optional<Integer> postsPerUser,
                                                             @RequestParam Optional<Integer> commentsPerPost,
                                                             @RequestParam Optional<FetchStrategy> strategy) {
        UserQuery.Builder query = query(pageSize, after, postsPerUser, strategy);
        commentsPerPost.ifPresent(query::commentsPerPost);
        return blog.fetchUsersWithPostsAndComments(query.build());
    }

    @GetMapping("/top-posters")
    List<PostCount> topPosters(@RequestParam(defaultValue = "10") int limit) {
        return counts.topPosters(limit);
    }

    /** The blog API checks every value before it touches the database and says what is allowed. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    private static UserQuery.Builder query(int pageSize, long after, Optional<Integer> postsPerUser, Optional<FetchStrategy> strategy) {
        UserQuery.Builder query = UserQuery.builder().pageSize(pageSize).after(after);
        postsPerUser.ifPresent(query::postsPerUser);
        strategy.ifPresent(query::strategy);
        return query;
    }
}
