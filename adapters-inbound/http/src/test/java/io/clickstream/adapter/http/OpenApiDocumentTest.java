package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keeps {@code openapi.json} true to the route table the server registers, in both directions. */
class OpenApiDocumentTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private ApiHarness api;
    private JsonNode document;

    @BeforeEach
    void start() {
        api = ApiHarness.start(Map.of());
        HttpResponse<String> response = api.get("/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        document = ApiHarness.json(response);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void document_is_openapi_3() {
        assertThat(document.get("openapi").asText()).startsWith("3.0");
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void document_describes_exactly_the_registered_routes() {
        Set<String> registered = api.server.routes().stream()
                .map(r -> r.method().toUpperCase() + " " + r.template()).collect(Collectors.toSet());

        assertThat(documented()).as("routes in openapi.json").containsExactlyInAnyOrderElementsOf(registered);
        assertThat(registered).as("registered routes").hasSize(api.server.routes().size());
    }

    @Test
    void security_of_every_operation_follows_the_scope_of_its_route() {
        Map<String, Route.Scope> scopes = api.server.routes().stream()
                .collect(Collectors.toMap(r -> r.method().toLowerCase() + " " + r.template(), Route::scope));
        for (Operation op : operations()) {
            JsonNode security = op.node().get("security");
            switch (scopes.get(op.method() + " " + op.path())) {
                case OPEN -> assertThat(security).as(op + " security").isNull();
                case ADMIN -> assertThat(security.toString()).as(op + " security").isEqualTo("[{\"bearerAuth\":[]}]");
                case CLIENT -> assertThat(security.toString()).as(op + " security")
                        .isEqualTo("[{},{\"clientKey\":[]},{\"bearerAuth\":[]}]");
            }
            if (security != null) {
                assertThat(op.node().at("/responses/401").isMissingNode()).as(op + " documents 401").isFalse();
            }
        }
    }

    @Test
    void every_path_parameter_is_declared_and_every_error_response_uses_the_envelope() {
        for (Operation op : operations()) {
            Set<String> declared = new HashSet<>();
            op.node().path("parameters").forEach(p -> {
                // Shared parameters ($ref to components/parameters) are query parameters; path parameters are inline.
                if (p.path("in").asText().equals("path")) {
                    declared.add(p.get("name").asText());
                }
            });
            Set<String> inTemplate = new HashSet<>();
            Matcher m = PATH_PARAMETER.matcher(op.path());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as(op + " path parameters").isEqualTo(inTemplate);

            assertThat(op.node().get("responses")).as(op + " responses").isNotEmpty();
            op.node().get("responses").fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("4") || e.getKey().startsWith("5")) {
                    JsonNode response = resolve(e.getValue());
                    String schema = response.at("/content/application~1json/schema/$ref").asText();
                    if (!op.path().equals("/health")) {
                        assertThat(schema).as(op + " " + e.getKey()).isEqualTo("#/components/schemas/ErrorEnvelope");
                    }
                }
            });
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }

    private Set<String> documented() {
        return operations().stream().map(op -> op.method().toUpperCase() + " " + op.path()).collect(Collectors.toSet());
    }

    private List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (HTTP_METHODS.contains(op.getKey())) {
                    ops.add(new Operation(op.getKey(), path.getKey(), op.getValue()));
                }
            });
        }
        return ops;
    }

    private record Operation(String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }
}
