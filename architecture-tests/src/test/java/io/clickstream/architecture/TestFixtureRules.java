package io.clickstream.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * Test fixtures stay test code. Maven keeps them off a production module's compile classpath ({@link
 * TestFixturePoms} checks every pom says so); this rule checks the same from the classes' side, so a fixture copied
 * into production code, or reached through a dependency left in the wrong scope, is reported too.
 */
final class TestFixtureRules {
    private TestFixtureRules() {
    }

    /** Packages of test support: the {@code testing} module and the in-memory ports of application's test-jar. */
    static final String[] FIXTURES = {"io.clickstream.testing..", "io.clickstream.adapter.memory.."};

    static final ArchRule production_code_never_depends_on_test_fixtures = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(FIXTURES)
            .as("production code never depends on test fixtures");
}
