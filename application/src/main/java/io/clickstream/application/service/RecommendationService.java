package io.clickstream.application.service;

import io.clickstream.application.port.in.RecommendItemsUseCase;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.application.port.out.UserHistory;
import io.clickstream.domain.NotFoundException;
import io.clickstream.domain.Recommendation;
import io.clickstream.domain.RecommendationStrategy;
import io.clickstream.domain.Recommendations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers recommendation requests from the served model; falls back to popular items (and says so) when
 * there is nothing known to go on: an unknown user, an empty or all-unknown session.
 */
public final class RecommendationService implements RecommendItemsUseCase {
    private final ServingModel serving;
    private final UserHistory history;
    private final int historyLength;
    private final boolean excludePurchased;

    public RecommendationService(ServingModel serving, UserHistory history, int historyLength, boolean excludePurchased) {
        this.serving = serving;
        this.history = history;
        this.historyLength = historyLength;
        this.excludePurchased = excludePurchased;
    }

    @Override
    public Recommendations forUser(UserQuery query) {
        ModelScorer scorer = serving.require();
        Set<String> exclude = new HashSet<>(query.exclude());
        if (excludePurchased) {
            exclude.addAll(history.purchasedItems(query.userId()));
        }
        List<String> recent = history.recentItems(query.userId(), historyLength).stream().filter(scorer::knows).toList();
        return answer(scorer, recent, query.k(), exclude);
    }

    @Override
    public Recommendations forSession(SessionQuery query) {
        ModelScorer scorer = serving.require();
        List<String> known = query.items().stream().filter(scorer::knows).toList();
        return answer(scorer, known, query.k(), Set.of());
    }

    @Override
    public Recommendations similarTo(SimilarItemsQuery query) {
        ModelScorer scorer = serving.require();
        if (!scorer.knows(query.itemId())) {
            throw new NotFoundException("item '" + query.itemId() + "' is not in the catalog of model " + scorer.version());
        }
        return new Recommendations(scorer.similar(query.itemId(), query.k()), scorer.version(), RecommendationStrategy.MODEL);
    }

    private static Recommendations answer(ModelScorer scorer, List<String> known, int k, Set<String> exclude) {
        if (known.isEmpty()) {
            return new Recommendations(scorer.popular(k, exclude), scorer.version(), RecommendationStrategy.POPULAR_FALLBACK);
        }
        List<Recommendation> items = scorer.recommend(known, k, exclude);
        return new Recommendations(items, scorer.version(), RecommendationStrategy.MODEL);
    }
}
