package io.clickstream.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The rules of the hexagon (ARCHITECTURE.md §8), each a named rule that reads as a sentence. Maven module
 * boundaries enforce the coarse layering; these rules check what Maven cannot see.
 */
final class HexagonRules {
    private HexagonRules() {
    }

    static final String ROOT = "io.clickstream";
    static final String DOMAIN = "io.clickstream.domain..";
    static final String APPLICATION = "io.clickstream.application..";
    static final String IN_PORTS = "io.clickstream.application.port.in..";
    static final String OUT_PORTS = "io.clickstream.application.port.out..";
    static final String BOOTSTRAP = "io.clickstream.bootstrap..";
    static final String BENCH = "io.clickstream.bench..";

    static final ArchRule domain_depends_on_the_jdk_only = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .as("the domain depends on the JDK only");

    static final ArchRule application_depends_on_the_domain_the_jdk_and_a_logging_api_only = classes()
            .that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION, DOMAIN, "java..", "org.slf4j..")
            .as("the application depends on the domain, the JDK and a logging API only");

    static final String LAKE_CONTRACT = "io.clickstream.lake..";

    static final ArchRule the_lake_contract_depends_on_the_domain_the_jdk_and_jackson_only = classes()
            .that().resideInAPackage(LAKE_CONTRACT)
            .should().onlyDependOnClassesThat().resideInAnyPackage(LAKE_CONTRACT, DOMAIN, "java..", "com.fasterxml.jackson..")
            .as("the lake contract depends on the domain, the JDK and Jackson only");

    static final ArchRule in_ports_and_out_ports_do_not_depend_on_each_other = CompositeArchRule
            .of(noClasses().that().resideInAPackage(IN_PORTS).should().dependOnClassesThat().resideInAPackage(OUT_PORTS))
            .and(noClasses().that().resideInAPackage(OUT_PORTS).should().dependOnClassesThat().resideInAPackage(IN_PORTS))
            .as("in-ports and out-ports do not depend on each other");

    static final ArchRule no_adapter_depends_on_another_adapter = slices().matching("io.clickstream.adapter.(*)..")
            .should().notDependOnEachOther()
            .as("no adapter depends on another adapter");

    static final ArchRule each_sdk_is_used_only_inside_its_adapter = CompositeArchRule
            .of(sdkOnlyIn("io.clickstream.adapter.http..", "Undertow", "io.undertow..", "org.xnio.."))
            .and(sdkOnlyIn("io.clickstream.adapter.kafka..", "Kafka", "org.apache.kafka..", "kafka.."))
            .and(sdkOnlyIn("io.clickstream.adapter.spark..", "Spark, Hadoop and Hive", "org.apache.spark..",
                    "org.apache.hadoop..", "org.apache.hive..", "scala.."))
            .and(sdkOnlyIn("io.clickstream.adapter.s3..", "the AWS SDK", "software.amazon.."))
            .and(sdkOnlyIn("io.clickstream.adapter.dl4j..", "Deeplearning4j and ND4J", "org.deeplearning4j..", "org.nd4j.."))
            .and(sdkOnlyIn("io.clickstream.adapter.search..", "the search-engine clients", "org.opensearch..",
                    "org.elasticsearch..", "co.elastic..", "org.apache.solr.."))
            .as("each SDK is used only inside its adapter");

    static final ArchRule dependency_injection_stays_in_bootstrap = noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
            .should().dependOnClassesThat().resideInAnyPackage("dagger..", "javax.inject..", "jakarta.inject..")
            .as("Dagger and inject annotations are used only in bootstrap");

    /** The benchmarks run the application as its launcher does, so they are the one exception. */
    static final ArchRule nothing_depends_on_bootstrap = noClasses().that().resideOutsideOfPackages(BOOTSTRAP, BENCH)
            .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
            .as("nothing but the benchmarks depends on bootstrap");

    static final ArchRule no_class_outside_bootstrap_and_the_benchmark_module_depends_on_benchmark_code = noClasses()
            .that().resideOutsideOfPackages(BOOTSTRAP, BENCH)
            .should().dependOnClassesThat().resideInAPackage(BENCH)
            .as("no class outside bootstrap and the benchmark module depends on benchmark code");

    static final ArchRule packages_are_free_of_cycles = slices().matching("io.clickstream.(**)")
            .should().beFreeOfCycles()
            .as("packages are free of cycles");

    private static ArchRule sdkOnlyIn(String adapterPackage, String sdkName, String... sdkPackages) {
        return noClasses().that().resideOutsideOfPackage(adapterPackage)
                .should().dependOnClassesThat().resideInAnyPackage(sdkPackages)
                .as(sdkName + " is used only in " + adapterPackage);
    }
}
