package io.clickstream.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests one S3Mock server with the bucket {@value #BUCKET}, shared by every test
 * class of the run (it takes seconds to start) and stopped when the run ends. Inject it as an
 * {@link S3MockServer} parameter, for example into a {@code @BeforeAll} method.
 */
public final class S3MockExtension implements BeforeAllCallback, ParameterResolver {

    public static final String BUCKET = "lake";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3MockExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3MockServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    // Kept in the root store: JUnit closes it (AutoCloseable) after the last test of the run.
    private static S3MockServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(S3MockServer.class,
                key -> S3MockServer.start(workDir(), BUCKET), S3MockServer.class);
    }

    private static Path workDir() {
        return Path.of(System.getProperty("basedir", "."), "target", "s3mock-" + ProcessHandle.current().pid());
    }
}
