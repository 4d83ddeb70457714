package io.clickstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.clickstream.adapter.kafka.fixture.PublicClassNobodyUses;
import org.junit.jupiter.api.Test;

/** Proves the adapter visibility rule has teeth and does not report what follows it. */
class AdapterVisibilityTest {

    @Test
    void a_public_adapter_class_nobody_outside_its_package_uses_is_reported() {
        JavaClasses classes = new ClassFileImporter().importPackages("io.clickstream.adapter.kafka.fixture");

        EvaluationResult result = AdapterVisibilityRules.adapter_classes_are_public_only_when_another_package_uses_them
                .evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(PublicClassNobodyUses.class.getName() + " is public but no class outside"))
                .noneMatch(line -> line.contains("PackagePrivateHelper"));
    }

    @Test
    void a_public_adapter_class_used_from_another_package_is_not_reported() {
        JavaClasses classes = new ClassFileImporter().importClasses(PublicClassNobodyUses.class, UsesTheFixture.class);

        EvaluationResult result = AdapterVisibilityRules.adapter_classes_are_public_only_when_another_package_uses_them
                .evaluate(classes);

        assertThat(result.getFailureReport().getDetails()).noneMatch(line -> line.contains("PublicClassNobodyUses"));
    }

    /** Stands for bootstrap: a class in another package that constructs the adapter class. */
    static final class UsesTheFixture {
        Object build() {
            return new PublicClassNobodyUses();
        }
    }
}
