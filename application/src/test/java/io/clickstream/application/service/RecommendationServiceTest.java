package io.clickstream.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.adapter.memory.InMemoryModelLoader;
import io.clickstream.adapter.memory.InMemoryModelRegistry;
import io.clickstream.adapter.memory.InMemoryModelScorer;
import io.clickstream.adapter.memory.InMemoryUserHistory;
import io.clickstream.application.port.in.RecommendItemsUseCase.SessionQuery;
import io.clickstream.application.port.in.RecommendItemsUseCase.SimilarItemsQuery;
import io.clickstream.application.port.in.RecommendItemsUseCase.UserQuery;
import io.clickstream.domain.ModelMetrics;
import io.clickstream.domain.ModelUnavailableException;
import io.clickstream.domain.ModelVersion;
import io.clickstream.domain.NotFoundException;
import io.clickstream.domain.Recommendation;
import io.clickstream.domain.RecommendationStrategy;
import io.clickstream.domain.Recommendations;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RecommendationService: model answers, the popular fallback for cold starts, exclusions and unknown items. */
class RecommendationServiceTest {
    private final InMemoryModelRegistry registry = new InMemoryModelRegistry();
    private final InMemoryModelLoader loader = new InMemoryModelLoader();
    private final ServingModel serving = new ServingModel(registry, loader);
    private final InMemoryUserHistory history = new InMemoryUserHistory();

    /** Sessions: shoes go with socks and laces; a phone goes with a case and a charger. */
    private final InMemoryModelScorer scorer = InMemoryModelScorer.builder("m-0001")
            .popular("phone", "shoes", "case", "socks", "charger", "laces")
            .session("shoes", "socks", "laces")
            .session("shoes", "socks")
            .session("phone", "case", "charger")
            .session("phone", "case")
            .build();

    private RecommendationService service(int historyLength, boolean excludePurchased) {
        return new RecommendationService(serving, history, historyLength, excludePurchased);
    }

    private void publish(InMemoryModelScorer model) {
        registry.add(new ModelVersion(model.version(), Instant.parse("2026-11-21T00:00:00Z"), ModelMetrics.none(), ""));
        loader.register(model);
        registry.promote(model.version(), "test", Instant.parse("2026-11-21T00:00:00Z"));
        serving.refresh();
    }

    @Test
    void without_a_published_model_every_query_is_unavailable() {
        RecommendationService service = service(10, true);

        assertThatThrownBy(() -> service.forUser(new UserQuery("u1", 5, Set.of())))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("no model is published");
        assertThatThrownBy(() -> service.forSession(new SessionQuery(List.of("shoes"), 5)))
                .isInstanceOf(ModelUnavailableException.class);
        assertThatThrownBy(() -> service.similarTo(new SimilarItemsQuery("shoes", 5)))
                .isInstanceOf(ModelUnavailableException.class);
    }

    @Test
    void a_known_user_gets_the_models_answer_for_their_recent_items() {
        publish(scorer);
        history.viewed("u1", "shoes");

        Recommendations answer = service(10, true).forUser(new UserQuery("u1", 2, Set.of()));

        assertThat(answer.strategy()).isEqualTo(RecommendationStrategy.MODEL);
        assertThat(answer.modelVersion()).isEqualTo("m-0001");
        assertThat(answer.items()).extracting(Recommendation::itemId).containsExactly("socks", "laces");
    }

    @Test
    void an_unknown_user_gets_popular_items_marked_as_fallback() {
        publish(scorer);

        Recommendations answer = service(10, true).forUser(new UserQuery("stranger", 3, Set.of()));

        assertThat(answer.strategy()).isEqualTo(RecommendationStrategy.POPULAR_FALLBACK);
        assertThat(answer.modelVersion()).isEqualTo("m-0001");
        assertThat(answer.items()).extracting(Recommendation::itemId).containsExactly("phone", "shoes", "case");
    }

    @Test
    void a_user_whose_items_the_model_does_not_know_gets_the_fallback() {
        publish(scorer);
        history.viewed("u2", "discontinued-1", "discontinued-2");

        Recommendations answer = service(10, true).forUser(new UserQuery("u2", 2, Set.of()));

        assertThat(answer.strategy()).isEqualTo(RecommendationStrategy.POPULAR_FALLBACK);
    }

    @Test
    void purchased_items_are_excluded_from_the_model_answer_and_the_fallback() {
        publish(scorer);
        history.viewed("u1", "shoes").purchased("u1", "socks");
        history.purchased("u3", "phone");

        Recommendations forBuyer = service(10, true).forUser(new UserQuery("u1", 5, Set.of()));
        Recommendations coldBuyer = service(10, true).forUser(new UserQuery("u3", 2, Set.of()));

        assertThat(forBuyer.items()).extracting(Recommendation::itemId).containsExactly("laces");
        assertThat(coldBuyer.items()).extracting(Recommendation::itemId).containsExactly("shoes", "case");
    }

    @Test
    void purchased_items_stay_when_exclusion_is_switched_off() {
        publish(scorer);
        history.viewed("u1", "shoes").purchased("u1", "socks");

        Recommendations answer = service(10, false).forUser(new UserQuery("u1", 5, Set.of()));

        assertThat(answer.items()).extracting(Recommendation::itemId).contains("socks");
    }

    @Test
    void items_the_caller_excludes_never_appear() {
        publish(scorer);
        history.viewed("u1", "shoes");

        Recommendations answer = service(10, true).forUser(new UserQuery("u1", 5, Set.of("socks")));

        assertThat(answer.items()).extracting(Recommendation::itemId).containsExactly("laces");
    }

    @Test
    void only_the_most_recent_history_is_used() {
        publish(scorer);
        history.viewed("u1", "phone", "shoes");

        Recommendations answer = service(1, true).forUser(new UserQuery("u1", 5, Set.of()));

        assertThat(answer.items()).extracting(Recommendation::itemId).containsExactly("socks", "laces");
    }

    @Test
    void an_empty_session_gets_the_fallback() {
        publish(scorer);

        Recommendations answer = service(10, true).forSession(new SessionQuery(List.of(), 2));

        assertThat(answer.strategy()).isEqualTo(RecommendationStrategy.POPULAR_FALLBACK);
        assertThat(answer.items()).extracting(Recommendation::itemId).containsExactly("phone", "shoes");
    }

    @Test
    void a_session_of_only_unknown_items_gets_the_fallback() {
        publish(scorer);

        Recommendations answer = service(10, true).forSession(new SessionQuery(List.of("x1", "x2"), 2));

        assertThat(answer.strategy()).isEqualTo(RecommendationStrategy.POPULAR_FALLBACK);
    }

    @Test
    void unknown_items_in_a_session_are_ignored_and_the_known_ones_used() {
        publish(scorer);

        Recommendations answer = service(10, true).forSession(new SessionQuery(List.of("x1", "phone", "x2"), 2));

        assertThat(answer.strategy()).isEqualTo(RecommendationStrategy.MODEL);
        assertThat(answer.items()).extracting(Recommendation::itemId).containsExactly("case", "charger");
    }

    @Test
    void similar_items_come_from_the_model() {
        publish(scorer);

        Recommendations answer = service(10, true).similarTo(new SimilarItemsQuery("case", 5));

        assertThat(answer.strategy()).isEqualTo(RecommendationStrategy.MODEL);
        assertThat(answer.items()).extracting(Recommendation::itemId).containsExactly("phone", "charger");
    }

    @Test
    void similar_items_of_an_unknown_item_are_not_found() {
        publish(scorer);

        assertThatThrownBy(() -> service(10, true).similarTo(new SimilarItemsQuery("x1", 5)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("x1").hasMessageContaining("m-0001");
    }

    @Test
    void answers_name_the_newly_served_version_after_a_swap() {
        publish(scorer);
        publish(InMemoryModelScorer.builder("m-0002").popular("laces").build());

        Recommendations answer = service(10, true).forUser(new UserQuery("stranger", 3, Set.of()));

        assertThat(answer.modelVersion()).isEqualTo("m-0002");
        assertThat(answer.items()).extracting(Recommendation::itemId).containsExactly("laces");
    }
}
