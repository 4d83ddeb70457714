package io.clickstream.application.port.out;

import io.clickstream.domain.Recommendation;
import java.util.List;
import java.util.Set;

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

    /** Releases native memory; called once no request uses this scorer any more. */
    @Override
    void close();
}
