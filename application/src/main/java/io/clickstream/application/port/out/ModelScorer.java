package io.clickstream.application.port.out;

import io.clickstream.domain.ItemFilter;
import io.clickstream.domain.RankedItems;
import io.clickstream.domain.Recommendation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A loaded model answering top-k queries. Implementations are immutable once loaded and safe to call from
 * many request threads at once.
 */
public interface ModelScorer extends AutoCloseable {

    String version();

    /** True if the model can score or recommend this item. */
    boolean knows(String itemId);

    /** The next items for a sequence of recent items (oldest first), unknown items ignored, excluded items never. */
    List<Recommendation> recommend(List<String> recentItems, int k, Set<String> exclude);

    /** Items like {@code itemId}; empty if the item is unknown. */
    List<Recommendation> similar(String itemId, int k);

    /** The most popular items in the training window: the cold-start fallback. */
    List<Recommendation> popular(int k, Set<String> exclude);

    /**
     * {@link #recommend(List, int, Set)} keeping only items the filter admits, with k items whenever k qualify. This
     * default asks for ever longer unfiltered answers; a scorer that can test items while it selects should override.
     */
    default RankedItems recommend(List<String> recentItems, int k, ItemFilter filter) {
        return filtering(k, filter, ask -> recommend(recentItems, ask, Set.of()));
    }

    /** {@link #similar(String, int)} keeping only items the filter admits; see {@link #recommend(List, int, ItemFilter)}. */
    default RankedItems similar(String itemId, int k, ItemFilter filter) {
        return filtering(k, filter, ask -> similar(itemId, ask));
    }

    /** {@link #popular(int, Set)} keeping only items the filter admits; see {@link #recommend(List, int, ItemFilter)}. */
    default RankedItems popular(int k, ItemFilter filter) {
        return filtering(k, filter, ask -> popular(ask, Set.of()));
    }

    /**
     * The filtered top k from unfiltered answers of growing length, until k qualify or the answer is shorter than asked
     * (the scorer has no more); {@code filtered} counts the rejected items among the unfiltered top k.
     */
    private static RankedItems filtering(int k, ItemFilter filter, IntFunction<List<Recommendation>> unfiltered) {
        for (int ask = k; ; ask = ask > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : ask * 2) {
            List<Recommendation> all = unfiltered.apply(ask);
            List<Recommendation> kept = new ArrayList<>(k);
            int filtered = 0;
            for (int r = 0; r < all.size() && kept.size() < k; r++) {
                if (!filter.rejects(all.get(r).itemId())) {
                    kept.add(all.get(r));
                } else if (r < k) {
                    filtered++;
                }
            }
            if (kept.size() == k || all.size() < ask || ask == Integer.MAX_VALUE) {
                return new RankedItems(kept, filtered);
            }
        }
    }

    /** Releases native memory; called once no request uses this scorer any more. */
    @Override
    void close();
}
