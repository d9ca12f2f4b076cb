package dev.fetchplan.example.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a returned tree is one consistent snapshot while writers change the blog: every comment names the
 * post it was written on in its text (the seed writes "Comment n on post ID", {@link Writers} "Writer comment on
 * post ID") and must be nested under exactly that post; a post {@link Writers} wrote has exactly
 * {@link Writers#COMMENTS_PER_POST} comments, as it was inserted and is deleted with all of them in one transaction,
 * so a tree read partly before and partly after such a write shows a post without them.
 */
public final class TreeCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POST_OF_COMMENT = Pattern.compile("on post (\\d+)");

    private TreeCheck() {
    }

    /**
     * What is wrong with the body of a 200 response: a page ({@code {"users": [...]}}) or one user; a writer post's
     * comments are counted only if the request allowed at least {@code commentsPerPost} of them.
     */
    public static List<String> problems(String body, int commentsPerPost) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return List.of("not JSON: " + body);
        }
        JsonNode users = root.has("users") ? root.get("users") : JSON.createArrayNode().add(root);
        for (JsonNode user : users) {
            for (JsonNode post : user.path("posts")) {
                check(post, commentsPerPost, problems);
            }
        }
        return problems;
    }

    private static void check(JsonNode post, int commentsPerPost, List<String> problems) {
        if (!post.has("comments")) {
            return;
        }
        long postId = post.get("id").asLong();
        for (JsonNode comment : post.get("comments")) {
            Matcher matcher = POST_OF_COMMENT.matcher(comment.get("content").asText());
            if (!matcher.find() || Long.parseLong(matcher.group(1)) != postId) {
                problems.add("comment " + comment.get("id") + " (\"" + comment.get("content").asText() + "\") nested under post " + postId);
            }
        }
        if (post.get("title").asText().equals(Writers.TITLE) && commentsPerPost >= Writers.COMMENTS_PER_POST
                && post.get("comments").size() != Writers.COMMENTS_PER_POST) {
            problems.add("writer post " + postId + " with " + post.get("comments").size() + " comments instead of " + Writers.COMMENTS_PER_POST);
        }
    }
}
