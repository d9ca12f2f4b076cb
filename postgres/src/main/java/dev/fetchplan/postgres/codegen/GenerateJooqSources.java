package dev.fetchplan.postgres.codegen;

import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a PostgreSQL ({@link PostgresServer#start()}: embedded unless the environment names another), creates
 * a scratch database, applies the migrations with Flyway, runs jOOQ's code generator on it with the declarative
 * codegen XML, then drops the database and stops the server. Skips all of it when the migrations and the XML
 * are unchanged since the last run (a hash of both is kept beside the generated sources).
 *
 * <p>Arguments: {@code <codegen.xml> <migration directory> <target directory>}.
 */
public final class GenerateJooqSources {

    private static final Logger LOG = LoggerFactory.getLogger(GenerateJooqSources.class);
    private static final String STAMP_FILE = ".fetchplan-codegen-inputs";

    private GenerateJooqSources() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("arguments are " + List.of(args) + "; expected: <codegen.xml> <migration directory> <target directory>");
        }
        Path codegenXml = Path.of(args[0]);
        Path migrations = Path.of(args[1]);
        Path target = Path.of(args[2]);
        String inputs = hashOf(codegenXml, migrations);
        Path stamp = target.resolve(STAMP_FILE);
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(inputs)) {
            LOG.info("jOOQ sources in {} are up to date with {}", target, migrations);
            return;
        }
        long started = System.nanoTime();
        generate(codegenXml, migrations, target);
        Files.writeString(stamp, inputs);
        LOG.info("Generated jOOQ sources in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static void generate(Path codegenXml, Path migrations, Path target) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        String database = "fetchplan_codegen_" + ProcessHandle.current().pid();
        try (PostgresServer server = PostgresServer.start()) {
            LOG.info("Generating jOOQ sources from {} on {}", migrations, server.description());
            server.dropDatabase(database);
            server.createDatabase(database);
            try {
                Migrations.migrate(server.dataSource(database), "filesystem:" + migrations.toAbsolutePath());
                Configuration configuration;
                try (InputStream xml = Files.newInputStream(codegenXml)) {
                    configuration = GenerationTool.load(xml);
                }
                configuration.withJdbc(new Jdbc()
                        .withDriver("org.postgresql.Driver")
                        .withUrl(server.jdbcUrl(database))
                        .withUser(server.user())
                        .withPassword(server.password()));
                configuration.getGenerator().getTarget().withDirectory(target.toAbsolutePath().toString());
                GenerationTool.generate(configuration);
            } finally {
                server.dropDatabase(database);
            }
        }
    }

    private static String hashOf(Path codegenXml, Path migrations) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(Files.readAllBytes(codegenXml));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(migrations)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            digest.update(migrations.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(file));
        }
        digest.update(GenerationTool.class.getPackage().getImplementationVersion() == null
                ? new byte[0]
                : GenerationTool.class.getPackage().getImplementationVersion().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }
}
