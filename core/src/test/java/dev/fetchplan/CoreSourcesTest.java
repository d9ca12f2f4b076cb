package dev.fetchplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine knows nothing of the blog: no main source of core names the blog's generated classes or its API
 * (the enforcer rule in core's POM keeps the dependency out; this keeps the code out).
 */
class CoreSourcesTest {

    @Test
    void noCoreSourceImportsTheBlog() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(Path.of("src/main/java"))) {
            sources = walk.filter(path -> path.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(20);
        for (Path source : sources) {
            assertThat(Files.readString(source)).as(source.toString())
                    .doesNotContain("dev.fetchplan.schema").doesNotContain("dev.fetchplan.blog");
        }
    }

    @Test
    void onlyFetchObservationsNamesMicrometerSoTheEngineRunsWithoutIt() throws IOException {
        List<String> naming;
        try (Stream<Path> walk = Files.walk(Path.of("src/main/java"))) {
            naming = walk.filter(path -> path.toString().endsWith(".java")).filter(path -> {
                try {
                    return Files.readString(path).contains("io.micrometer");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(path -> path.getFileName().toString()).toList();
        }
        assertThat(naming).containsExactly("FetchObservations.java");
    }
}
