package io.clickstream.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The operator's dashboard: its page, script and style from this jar ({@code dashboard/} on the classpath) and uPlot
 * from its WebJar, each answer with headers that let the page run only its own files: no inline script or style, no
 * other origin, no framing, no content sniffing. The page reads the public JSON API like any other client.
 */
final class DashboardFiles {
    static final String PAGE = "/";
    static final String FILES = "/dashboard/";
    /** uPlot's {@code dist/} files, at a URL without its version (the page names no version: the pom does). */
    static final String UPLOT = "/dashboard/uplot/";
    /** Only this origin's files, never inline code: a hostile item id can at worst be text. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private static final String CLASSPATH_FILES = "dashboard";
    private static final String UPLOT_WEBJAR = "META-INF/resources/webjars/uplot/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final String INDEX = "/index.html";

    private final HttpHandler files;

    DashboardFiles() {
        ClassLoader loader = DashboardFiles.class.getClassLoader();
        ResourceHandler own = new ResourceHandler(new ClassPathResourceManager(loader, CLASSPATH_FILES))
                .setDirectoryListingEnabled(false);
        ResourceHandler uplot = new ResourceHandler(new ClassPathResourceManager(loader,
                UPLOT_WEBJAR + uplotVersion(loader) + "/dist")).setDirectoryListingEnabled(false);
        // The longest prefix wins: uPlot's files before the page's own.
        PathHandler paths = new PathHandler()
                .addExactPath(PAGE, exchange -> {
                    exchange.setRelativePath(INDEX);
                    own.handleRequest(exchange);
                })
                .addPrefixPath(FILES, own)
                .addPrefixPath(UPLOT, uplot);
        // Reading a resource from the jar blocks: on a worker, as every other blocking handler.
        this.files = RequestBodies.dispatch(paths);
    }

    private static String uplotVersion(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException(UPLOT_POM + " is missing: the uPlot WebJar is not on the classpath");
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a request is for the dashboard rather than the API. */
    static boolean wants(HttpServerExchange exchange) {
        if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            return false;
        }
        String path = exchange.getRelativePath();
        return path.equals(PAGE) || path.startsWith(FILES) || path.startsWith(UPLOT);
    }

    void serve(HttpServerExchange exchange) throws Exception {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(HttpString.tryFromString("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        headers.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        headers.put(HttpString.tryFromString("X-Frame-Options"), "DENY");
        headers.put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        files.handleRequest(exchange);
    }
}
