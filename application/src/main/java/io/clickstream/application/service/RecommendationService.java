package io.clickstream.application.service;

import io.clickstream.application.port.in.RecommendItemsUseCase;
import io.clickstream.application.port.out.ItemCatalogue;
import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.application.port.out.UserHistory;
import io.clickstream.domain.ItemFilter;
import io.clickstream.domain.NotFoundException;
import io.clickstream.domain.RankedItems;
import io.clickstream.domain.RecommendationStrategy;
import io.clickstream.domain.Recommendations;
import java.util.List;
import java.util.Set;

/**
 * Answers recommendation requests from the served model; falls back to popular items (and says so) when
 * there is nothing known to go on: an unknown user, an empty or all-unknown session. Every answer leaves out what
 * the request's filter asks and the catalogue's unavailable and hidden items, inside the top k.
 */
public final class RecommendationService implements RecommendItemsUseCase {
    private final ServingModel serving;
    private final UserHistory history;
    private final int historyLength;
    private final boolean excludePurchased;
    private final ItemCatalogue catalogue;

    public RecommendationService(ServingModel serving, UserHistory history, int historyLength, boolean excludePurchased) {
        this(serving, history, historyLength, excludePurchased, ItemCatalogue.NONE);
    }

    public RecommendationService(ServingModel serving, UserHistory history, int historyLength, boolean excludePurchased,
                                 ItemCatalogue catalogue) {
        this.serving = serving;
        this.history = history;
        this.historyLength = historyLength;
        this.excludePurchased = excludePurchased;
        this.catalogue = catalogue;
    }

    @Override
    public Recommendations forUser(UserQuery query) {
        ModelScorer scorer = serving.require();
        Set<String> purchased = excludePurchased ? history.purchasedItems(query.userId()) : Set.of();
        List<String> seen = history.recentItems(query.userId(), historyLength);
        List<String> recent = seen.stream().filter(scorer::knows).toList();
        return answer(scorer, recent, query.k(), ItemFilters.of(query.filter(), seen, purchased, catalogue.current()));
    }

    @Override
    public Recommendations forSession(SessionQuery query) {
        ModelScorer scorer = serving.require();
        List<String> known = query.items().stream().filter(scorer::knows).toList();
        return answer(scorer, known, query.k(), ItemFilters.of(query.filter(), query.items(), Set.of(), catalogue.current()));
    }

    @Override
    public Recommendations similarTo(SimilarItemsQuery query) {
        ModelScorer scorer = serving.require();
        if (!scorer.knows(query.itemId())) {
            throw new NotFoundException("item '" + query.itemId() + "' is not in the catalog of model " + scorer.version());
        }
        ItemFilter filter = ItemFilters.of(query.filter(), List.of(query.itemId()), Set.of(), catalogue.current());
        RankedItems similar = filter == ItemFilter.NONE
                ? RankedItems.unfiltered(scorer.similar(query.itemId(), query.k()))
                : scorer.similar(query.itemId(), query.k(), filter);
        return answer(similar, scorer, RecommendationStrategy.MODEL);
    }

    private static Recommendations answer(ModelScorer scorer, List<String> known, int k, ItemFilter filter) {
        if (known.isEmpty()) {
            return answer(scorer.popular(k, filter), scorer, RecommendationStrategy.POPULAR_FALLBACK);
        }
        return answer(scorer.recommend(known, k, filter), scorer, RecommendationStrategy.MODEL);
    }

    private static Recommendations answer(RankedItems ranked, ModelScorer scorer, RecommendationStrategy strategy) {
        return new Recommendations(ranked.items(), scorer.version(), strategy, ranked.filtered());
    }
}
