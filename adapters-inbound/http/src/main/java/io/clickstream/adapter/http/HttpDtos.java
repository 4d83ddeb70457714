package io.clickstream.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the API, as records that never leave the adapter; {@code openapi.json} documents them. */
final class HttpDtos {
    private HttpDtos() {
    }

    // ---- errors

    record ErrorEnvelope(ErrorDetail error) {
    }

    record ErrorDetail(String code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String parameter) {
    }

    // ---- health

    record HealthResponse(String status, boolean ready, List<ComponentHealth> components) {
    }

    record ComponentHealth(String name, String status, String detail) {
    }

    // ---- jobs

    record SubmitJobRequest(String runId) {
        static final SubmitJobRequest EMPTY = new SubmitJobRequest(null);
    }

    record JobResponse(String jobId, String type, String runId, String state, double progress, Instant createdAt,
                       Instant startedAt, Instant finishedAt, Map<String, Long> counts, Map<String, Double> measures,
                       String error, String message,
                       Links links) {
    }

    record Links(String self) {
    }

    record JobListResponse(List<JobResponse> jobs) {
    }

    // ---- models

    /** @param baselines every recommender's holdout scores beside this version's (session-knn, most-popular, ...) */
    record ModelResponse(String version, Instant createdAt, Map<String, Double> metrics, long evaluatedPredictions,
                         String description, boolean published, boolean served, Map<String, Map<String, Double>> baselines) {
    }

    record ModelListResponse(List<ModelResponse> models, String publishedVersion, String servedVersion) {
    }

    record CurrentModelResponse(ModelResponse model, String servedVersion) {
    }

    record PromoteRequest(String reason) {
        static final PromoteRequest EMPTY = new PromoteRequest(null);
    }

    record PromotionResponse(ModelResponse model, String reason, String servedVersion) {
    }

    // ---- recommendations

    /** The session's items and k, and the same filters the GET endpoints take as query parameters. */
    record SessionRecommendationRequest(List<String> items, Integer k, List<String> exclude, Boolean excludeSeen,
                                        List<String> categories) {
    }

    /** @param filtered items of the unfiltered top k that the filters and the catalogue left out */
    record RecommendationsResponse(String modelVersion, String strategy, boolean fallback, List<ScoredItem> items,
                                   int filtered) {
    }

    record ScoredItem(String itemId, double score) {
    }

    // ---- live events

    /**
     * Each event is kept as JSON: it is judged on its own (a null one too, rejected by index), and its text is what
     * lands in the raw column.
     */
    record EventBatchRequest(@com.fasterxml.jackson.annotation.JsonSetter(contentNulls = com.fasterxml.jackson.annotation.Nulls.SET)
                             List<com.fasterxml.jackson.databind.JsonNode> events) {
    }

    record EventsAccepted(int accepted, List<EventRejection> rejected) {
    }

    record EventRejection(int index, String reason) {
    }
}
