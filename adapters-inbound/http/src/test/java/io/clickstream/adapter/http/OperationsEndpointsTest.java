package io.clickstream.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.domain.HealthStatus;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTest {
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
    void health_is_200_when_every_component_is_up() {
        HttpResponse<String> response = api.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ApiHarness.json(response);
        assertThat(body.get("status").asText()).isEqualTo("up");
        assertThat(body.get("ready").asBoolean()).isTrue();
        assertThat(body.at("/components/0/name").asText()).isEqualTo("lake");
        assertThat(body.at("/components/0/status").asText()).isEqualTo("up");
    }

    @Test
    void health_is_503_naming_the_component_that_is_down() {
        api.indicators.add(() -> HealthStatus.down("kafka", "broker 127.0.0.1:9092 unreachable"));
        api.indicators.add(() -> {
            throw new IllegalStateException("indicator blew up");
        });

        HttpResponse<String> response = api.get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = ApiHarness.json(response);
        assertThat(body.get("ready").asBoolean()).isFalse();
        assertThat(body.get("components")).hasSize(3);
        assertThat(body.at("/components/1/name").asText()).isEqualTo("kafka");
        assertThat(body.at("/components/1/status").asText()).isEqualTo("down");
        assertThat(body.at("/components/1/detail").asText()).contains("unreachable");
        assertThat(body.at("/components/2/detail").asText()).contains("indicator blew up");
    }
}
