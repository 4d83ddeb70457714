package io.clickstream.adapter.http;

import io.clickstream.adapter.http.HttpDtos.SessionRecommendationRequest;
import io.clickstream.application.port.in.RecommendItemsUseCase;
import io.clickstream.application.port.in.RecommendItemsUseCase.SessionQuery;
import io.clickstream.application.port.in.RecommendItemsUseCase.SimilarItemsQuery;
import io.clickstream.application.port.in.RecommendItemsUseCase.UserQuery;
import io.clickstream.domain.RecommendationFilter;
import io.undertow.server.HttpServerExchange;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The recommendation endpoints: for a known user, for an anonymous session, and items similar to one item. */
final class RecommendationHandlers {
    static final int DEFAULT_K = 10;

    private final RecommendItemsUseCase recommend;
    private final JsonCodec json;
    private final RequestBodies bodies;

    RecommendationHandlers(RecommendItemsUseCase recommend, JsonCodec json, RequestBodies bodies) {
        this.recommend = recommend;
        this.json = json;
        this.bodies = bodies;
    }

    void forUser(HttpServerExchange exchange) {
        UserQuery query = new UserQuery(RequestParams.requiredQuery(exchange, "userId"),
                RequestParams.intQuery(exchange, "k", DEFAULT_K), queryFilter(exchange));
        json.send(exchange, 200, HttpMapper.recommendations(recommend.forUser(query)));
    }

    void forSession(HttpServerExchange exchange) {
        SessionRecommendationRequest body = bodies.read(exchange, SessionRecommendationRequest.class)
                .orElseThrow(() -> new HttpProblem(ErrorCode.BAD_REQUEST,
                        "items: a JSON body {\"items\": [recent item ids], \"k\": 10} is required", "items"));
        RecommendationFilter filter = new RecommendationFilter(set(body.exclude()), Boolean.TRUE.equals(body.excludeSeen()),
                set(body.categories()));
        SessionQuery query = new SessionQuery(body.items(), body.k() == null ? DEFAULT_K : body.k(), filter);
        json.send(exchange, 200, HttpMapper.recommendations(recommend.forSession(query)));
    }

    void similar(HttpServerExchange exchange) {
        SimilarItemsQuery query = new SimilarItemsQuery(RequestParams.path(exchange, "itemId"),
                RequestParams.intQuery(exchange, "k", DEFAULT_K), queryFilter(exchange));
        json.send(exchange, 200, HttpMapper.recommendations(recommend.similarTo(query)));
    }

    /** The filters of a GET endpoint: {@code exclude}, {@code excludeSeen}, {@code categories}. */
    private static RecommendationFilter queryFilter(HttpServerExchange exchange) {
        return new RecommendationFilter(new HashSet<>(RequestParams.listQuery(exchange, "exclude")),
                RequestParams.booleanQuery(exchange, "excludeSeen", false),
                new HashSet<>(RequestParams.listQuery(exchange, "categories")));
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : new HashSet<>(values);
    }
}
