package io.clickstream.adapter.http;

import io.clickstream.adapter.http.HttpDtos.CurrentModelResponse;
import io.clickstream.adapter.http.HttpDtos.ModelListResponse;
import io.clickstream.adapter.http.HttpDtos.PromoteRequest;
import io.clickstream.adapter.http.HttpDtos.PromotionResponse;
import io.clickstream.application.port.in.PublishModelUseCase;
import io.clickstream.application.port.in.PublishModelUseCase.PromoteModelCommand;
import io.clickstream.application.port.in.QueryModelsUseCase;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/** The model endpoints: stored versions, the published one, and manual promotion or rollback. */
final class ModelHandlers {
    private final QueryModelsUseCase models;
    private final PublishModelUseCase publishing;
    private final JsonCodec json;
    private final RequestBodies bodies;

    ModelHandlers(QueryModelsUseCase models, PublishModelUseCase publishing, JsonCodec json, RequestBodies bodies) {
        this.models = models;
        this.publishing = publishing;
        this.json = json;
        this.bodies = bodies;
    }

    void list(HttpServerExchange exchange) {
        Optional<String> published = models.current().map(ModelVersion::version);
        Optional<String> served = models.served();
        json.send(exchange, 200, new ModelListResponse(
                models.list().stream().map(m -> HttpMapper.model(m, published, served)).toList(),
                published.orElse(null), served.orElse(null)));
    }

    void current(HttpServerExchange exchange) {
        Optional<String> served = models.served();
        ModelVersion current = models.current().orElseThrow(() -> new NotFoundException("no model is published yet"
                + served.map(v -> "; this process serves " + v).orElse("; this process serves none")));
        json.send(exchange, 200, new CurrentModelResponse(
                HttpMapper.model(current, Optional.of(current.version()), served), served.orElse(null)));
    }

    void promote(HttpServerExchange exchange) {
        String version = RequestParams.path(exchange, "version");
        PromoteRequest body = bodies.read(exchange, PromoteRequest.class).orElse(PromoteRequest.EMPTY);
        PromoteModelCommand command = new PromoteModelCommand(version, body.reason());
        ModelVersion promoted = publishing.promote(command);
        Optional<String> served = models.served();
        json.send(exchange, 200, new PromotionResponse(
                HttpMapper.model(promoted, Optional.of(promoted.version()), served), command.reason(), served.orElse(null)));
    }
}
