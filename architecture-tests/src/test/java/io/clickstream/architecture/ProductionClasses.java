package io.clickstream.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * What the rules judge: the classes a module ships. Leaves out test classes, test-jars (application's in-memory ports
 * and port contracts arrive as one) and the {@code testing} module, all of which are test code wherever they are used.
 */
final class ProductionClasses implements ImportOption {
    private static final ImportOption TESTS = new ImportOption.DoNotIncludeTests();
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");
    private static final Pattern TESTING_MODULE = Pattern.compile(".*/testing(/target/classes/|-[^/]*\\.jar).*");

    @Override
    public boolean includes(Location location) {
        return TESTS.includes(location) && !location.matches(TEST_JAR) && !location.matches(TESTING_MODULE);
    }
}
