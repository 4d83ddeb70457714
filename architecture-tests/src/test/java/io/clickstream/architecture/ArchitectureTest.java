package io.clickstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Holds every module's production classes to the rules of the hexagon. */
@AnalyzeClasses(packages = HexagonRules.ROOT, importOptions = ProductionClasses.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_depends_on_the_jdk_only = HexagonRules.domain_depends_on_the_jdk_only;

    @ArchTest
    static final ArchRule application_depends_on_the_domain_the_jdk_and_a_logging_api_only =
            HexagonRules.application_depends_on_the_domain_the_jdk_and_a_logging_api_only;

    @ArchTest
    static final ArchRule the_lake_contract_depends_on_the_domain_the_jdk_and_jackson_only =
            HexagonRules.the_lake_contract_depends_on_the_domain_the_jdk_and_jackson_only;

    @ArchTest
    static final ArchRule in_ports_and_out_ports_do_not_depend_on_each_other =
            HexagonRules.in_ports_and_out_ports_do_not_depend_on_each_other;

    @ArchTest
    static final ArchRule no_adapter_depends_on_another_adapter = HexagonRules.no_adapter_depends_on_another_adapter;

    @ArchTest
    static final ArchRule each_sdk_is_used_only_inside_its_adapter = HexagonRules.each_sdk_is_used_only_inside_its_adapter;

    @ArchTest
    static final ArchRule dependency_injection_stays_in_bootstrap = HexagonRules.dependency_injection_stays_in_bootstrap;

    @ArchTest
    static final ArchRule nothing_depends_on_bootstrap = HexagonRules.nothing_depends_on_bootstrap;

    @ArchTest
    static final ArchRule no_class_outside_bootstrap_and_the_benchmark_module_depends_on_benchmark_code =
            HexagonRules.no_class_outside_bootstrap_and_the_benchmark_module_depends_on_benchmark_code;

    @ArchTest
    static final ArchRule production_code_never_depends_on_test_fixtures =
            TestFixtureRules.production_code_never_depends_on_test_fixtures;

    @ArchTest
    static final ArchRule adapter_classes_are_public_only_when_another_package_uses_them =
            AdapterVisibilityRules.adapter_classes_are_public_only_when_another_package_uses_them;

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = HexagonRules.packages_are_free_of_cycles;

    /** The rules above pass vacuously if nothing is imported; this proves every layer is really analysed. */
    @ArchTest
    static void every_layer_is_analysed(JavaClasses classes) {
        for (String pkg : new String[] {"io.clickstream.domain", "io.clickstream.application.port.in",
                "io.clickstream.application.port.out", "io.clickstream.application.service", "io.clickstream.adapter.http",
                "io.clickstream.adapter.localfs", "io.clickstream.adapter.s3", "io.clickstream.adapter.kafka",
                "io.clickstream.adapter.weblog", "io.clickstream.adapter.search", "io.clickstream.adapter.csv",
                "io.clickstream.adapter.registry", "io.clickstream.adapter.spark", "io.clickstream.adapter.dl4j",
                "io.clickstream.bootstrap", "io.clickstream.bench", "io.clickstream.lake"}) {
            assertThat(classes.containPackage(pkg)).as("classes of %s are analysed", pkg).isTrue();
        }
    }
}
