package io.clickstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.clickstream.adapter.kafka.fixture.KafkaClassUsingTestFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Test fixtures are never on a production module's compile scope: the poms and the classes both say so. */
class TestFixtureScopeTest {
    /** Surefire runs in the module's folder; the reactor is its parent. */
    private static final Path REACTOR = Path.of("").toAbsolutePath().getParent();

    @Test
    void test_fixtures_are_never_on_a_production_modules_compile_scope() {
        assertThat(TestFixturePoms.modulePoms(REACTOR)).as("the reactor's modules are read")
                .anySatisfy(pom -> assertThat(pom).endsWith(Path.of("bootstrap", "pom.xml")));

        assertThat(TestFixturePoms.fixturesOutsideTestScope(REACTOR)).isEmpty();
    }

    @Test
    void a_fixture_dependency_in_compile_scope_is_reported() {
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><artifactId>kafka</artifactId>
                  <dependencies>
                    <dependency><groupId>io.clickstream</groupId><artifactId>testing</artifactId></dependency>
                    <dependency><groupId>io.clickstream</groupId><artifactId>application</artifactId><type>test-jar</type><scope>runtime</scope></dependency>
                    <dependency><groupId>io.clickstream</groupId><artifactId>application</artifactId><type>test-jar</type><scope>test</scope></dependency>
                  </dependencies>
                </project>""";

        assertThat(TestFixturePoms.fixturesOutsideTestScope("kafka",
                TestFixturePoms.parse(new ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8)))))
                .containsExactly("kafka -> testing (compile)", "kafka -> application (runtime)");
    }

    @Test
    void a_production_class_using_a_test_fixture_is_reported() {
        JavaClasses classes = new ClassFileImporter().importClasses(KafkaClassUsingTestFixture.class);

        EvaluationResult result = TestFixtureRules.production_code_never_depends_on_test_fixtures.evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("production code never depends on test fixtures", "KafkaClassUsingTestFixture", "MutableClock");
    }
}
