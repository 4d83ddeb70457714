package io.clickstream.adapter.http;

import io.clickstream.application.port.in.CheckHealthUseCase;
import io.clickstream.application.port.in.CheckHealthUseCase.HealthReport;
import io.undertow.server.HttpServerExchange;

/** {@code GET /health}: 200 when every component is ready, 503 otherwise, with each component's state. */
final class HealthHandler {
    private final CheckHealthUseCase health;
    private final JsonCodec json;

    HealthHandler(CheckHealthUseCase health, JsonCodec json) {
        this.health = health;
        this.json = json;
    }

    void check(HttpServerExchange exchange) {
        HealthReport report = health.check();
        json.send(exchange, report.ready() ? 200 : 503, HttpMapper.health(report));
    }
}
