package io.clickstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.clickstream.adapter.kafka.fixture.KafkaClassUsingBenchmarkCode;
import io.clickstream.adapter.kafka.fixture.KafkaClassUsingHttpAdapter;
import io.clickstream.domain.fixture.DomainClassUsingUndertow;
import org.junit.jupiter.api.Test;

/** Proves the rules are not toothless: classes that break them are reported. */
class RulesCatchViolationsTest {

    @Test
    void a_domain_class_importing_an_adapter_sdk_is_reported() {
        JavaClasses classes = new ClassFileImporter().importClasses(DomainClassUsingUndertow.class);

        EvaluationResult domainRule = HexagonRules.domain_depends_on_the_jdk_only.evaluate(classes);
        EvaluationResult sdkRule = HexagonRules.each_sdk_is_used_only_inside_its_adapter.evaluate(classes);

        assertThat(domainRule.hasViolation()).isTrue();
        assertThat(domainRule.getFailureReport().toString()).contains("DomainClassUsingUndertow", "io.undertow.util.HttpString");
        assertThat(sdkRule.hasViolation()).isTrue();
        assertThat(sdkRule.getFailureReport().toString()).contains("each SDK is used only inside its adapter", "io.undertow.util.Headers.CONTENT_TYPE");
    }

    @Test
    void an_adapter_using_another_adapter_is_reported() {
        JavaClasses classes = new ClassFileImporter().importPackages("io.clickstream.adapter.kafka.fixture",
                "io.clickstream.adapter.http");

        EvaluationResult result = HexagonRules.no_adapter_depends_on_another_adapter.evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("KafkaClassUsingHttpAdapter", "HttpSettings");
    }

    @Test
    void an_adapter_using_benchmark_code_is_reported() {
        JavaClasses classes = new ClassFileImporter().importClasses(KafkaClassUsingBenchmarkCode.class);

        EvaluationResult result = HexagonRules.no_class_outside_bootstrap_and_the_benchmark_module_depends_on_benchmark_code
                .evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("KafkaClassUsingBenchmarkCode", "io.clickstream.bench.BenchMain");
    }

    @Test
    void bootstrap_and_the_benchmarks_may_use_benchmark_code() {
        JavaClasses classes = new ClassFileImporter().importPackages("io.clickstream.bench", "io.clickstream.bootstrap",
                "io.clickstream.domain");

        assertThat(classes.containPackage("io.clickstream.bench")).isTrue();
        assertThat(HexagonRules.no_class_outside_bootstrap_and_the_benchmark_module_depends_on_benchmark_code
                .evaluate(classes).hasViolation()).isFalse();
    }

    @Test
    void a_class_that_follows_the_rules_is_not_reported() {
        JavaClasses domainOnly = new ClassFileImporter().importClasses(io.clickstream.domain.Job.class,
                io.clickstream.domain.JobState.class);

        assertThat(HexagonRules.domain_depends_on_the_jdk_only.evaluate(domainOnly).hasViolation()).isFalse();
        assertThat(HexagonRules.each_sdk_is_used_only_inside_its_adapter.evaluate(domainOnly).hasViolation()).isFalse();
    }
}
