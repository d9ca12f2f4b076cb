package dev.fetchplan.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JooqVersionTest {

    @Test
    void jooqOlderThan321IsRefusedSayingWhatToSet() {
        assertThatThrownBy(() -> JooqVersion.check("3.19.35"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs jOOQ 3.21 or newer but the application has 3.19.35")
                .hasMessageContaining("jooq.version");
        assertThatThrownBy(() -> JooqVersion.check("2.99.0")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void jooq321AndNewerAreAccepted() {
        assertThatCode(() -> {
            JooqVersion.check("3.21.9");
            JooqVersion.check("3.22.0");
            JooqVersion.check("4.0.1");
            JooqVersion.check(JooqVersion.installed());
        }).doesNotThrowAnyException();
    }

    @Test
    void theInstalledVersionIsTheJarsOnTheClassPath() throws Exception {
        Properties pom = new Properties();
        try (InputStream in = org.jooq.DSLContext.class.getResourceAsStream("/META-INF/maven/org.jooq/jooq/pom.properties")) {
            pom.load(in);
        }
        assertThat(JooqVersion.installed()).isEqualTo(pom.getProperty("version"));
    }

    /** Regression: Constants.VERSION is a compile-time constant, so a plain reference checked the version built against. */
    @Test
    void anOlderJooqOnTheClassPathAtRunTimeIsSeen(@TempDir Path directory) throws Exception {
        Path source = directory.resolve("org/jooq/Constants.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package org.jooq; public final class Constants { public static final String VERSION = \"3.19.35\"; }");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", directory.toString(), source.toString())).isZero();
        URL starterClasses = JooqVersion.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader olderJooq = new URLClassLoader(new URL[] {directory.toUri().toURL(), starterClasses},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> versions = olderJooq.loadClass(JooqVersion.class.getName());
            Method installed = versions.getDeclaredMethod("installed");
            installed.setAccessible(true);
            assertThat(installed.invoke(null)).isEqualTo("3.19.35");
            Method check = versions.getDeclaredMethod("check", String.class);
            check.setAccessible(true);
            assertThatThrownBy(() -> check.invoke(null, installed.invoke(null)))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause().hasMessageContaining("3.19.35");
        }
    }
}
