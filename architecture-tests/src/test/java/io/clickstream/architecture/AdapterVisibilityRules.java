package io.clickstream.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * An adapter shows the rest of the code only what bootstrap constructs and wires: its adapter, its settings and the
 * few types those take or give. Everything else is package-private, so a change inside an adapter cannot break a
 * caller it did not know it had. "Uses" is judged on production classes only: a test in another package does not
 * make an internal class public.
 */
final class AdapterVisibilityRules {
    private AdapterVisibilityRules() {
    }

    static final String ADAPTERS = "io.clickstream.adapter..";

    static final ArchRule adapter_classes_are_public_only_when_another_package_uses_them = classes()
            .that().resideInAPackage(ADAPTERS).and().areTopLevelClasses().and().haveModifier(JavaModifier.PUBLIC)
            .should(beUsedFromAnotherPackage())
            .as("adapter classes other than the ones bootstrap constructs are package-private");

    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package") {
            @Override
            public void check(JavaClass adapterClass, ConditionEvents events) {
                boolean usedOutside = adapterClass.getDirectDependenciesToSelf().stream()
                        .anyMatch(fromAnotherPackage(adapterClass));
                if (!usedOutside) {
                    events.add(SimpleConditionEvent.violated(adapterClass, adapterClass.getName()
                            + " is public but no class outside " + adapterClass.getPackageName()
                            + " uses it: make it package-private"));
                }
            }
        };
    }

    private static DescribedPredicate<Dependency> fromAnotherPackage(JavaClass target) {
        return DescribedPredicate.describe("from another package",
                dependency -> !dependency.getOriginClass().getPackageName().equals(target.getPackageName()));
    }
}
