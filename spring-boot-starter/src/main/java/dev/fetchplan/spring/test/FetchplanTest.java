package dev.fetchplan.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * On a Spring test class (beside {@code @SpringBootTest} or a slice): the N+1 guard is strict and every test method
 * runs in a guard scope of its own, so a test that loops a statement fails with NPlusOneException. Assert exact
 * counts with the {@link dev.fetchplan.QueryGuard} bean: {@code guard.assertStatements(1, () -> blog.fetch...)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = {"fetchplan.guard.mode=strict", "fetchplan.guard.test-scope=true"})
public @interface FetchplanTest {
}
