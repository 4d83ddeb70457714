package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's files: served from the jar at {@code /}, each with headers that let the page run only its own files. */
class DashboardFilesTest {
    private ApiHarness api;

    @BeforeEach
    void start() {
        api = ApiHarness.start(Map.of());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void the_page_is_served_at_the_root_with_a_policy_that_forbids_inline_script_and_style() {
        HttpResponse<String> page = api.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(DashboardFiles.CONTENT_SECURITY_POLICY);
        assertThat(DashboardFiles.CONTENT_SECURITY_POLICY).contains("default-src 'self'", "script-src 'self'",
                "style-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("<script src=\"/dashboard/app.js\"")
                .contains("<script src=\"/dashboard/uplot/uPlot.iife.min.js\"");
    }

    @Test
    void the_page_holds_no_inline_code_and_its_script_never_parses_markup() {
        String page = api.get("/").body();
        String script = api.get("/dashboard/app.js").body();

        // Inline code would be refused by the policy anyway; none is written, so the page works under it.
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("style=").doesNotContain("<style");
        // Data from logs becomes text: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval.
        assertThat(script).isNotEmpty().doesNotContain("innerHTML").doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(")
                .doesNotContain("localStorage").doesNotContain("document.cookie");
    }

    @Test
    void script_style_and_the_plot_library_come_from_the_jar_with_their_types_and_the_same_headers() {
        for (String[] file : new String[][] {{"/dashboard/app.js", "application/javascript"},
                {"/dashboard/app.css", "text/css"}, {"/dashboard/uplot/uPlot.iife.min.js", "application/javascript"},
                {"/dashboard/uplot/uPlot.min.css", "text/css"}, {"/dashboard/favicon.svg", "image/svg+xml"}}) {
            HttpResponse<String> r = api.get(file[0]);
            assertThat(r.statusCode()).as(file[0]).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(file[0]).hasValueSatisfying(v -> assertThat(v).startsWith(file[1]));
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(file[0]).isPresent();
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(file[0]).hasValue("nosniff");
        }
        assertThat(api.get("/dashboard/uplot/uPlot.iife.min.js").body()).contains("uPlot");
    }

    @Test
    void missing_files_and_other_methods_get_the_apis_answers_not_a_page() {
        assertThat(api.get("/dashboard/missing.js").statusCode()).isEqualTo(404);
        assertThat(api.get("/dashboard/../openapi.json").statusCode()).isIn(200, 404);
        HttpResponse<String> post = api.send(api.request("/").POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(post.statusCode()).isIn(401, 404, 405);
        assertThat(post.body()).contains("\"error\"");
        // The API is untouched by the dashboard in front of it.
        assertThat(api.get("/openapi.json").statusCode()).isEqualTo(200);
        assertThat(api.get("/nothing-here").body()).contains("\"error\"");
    }
}
