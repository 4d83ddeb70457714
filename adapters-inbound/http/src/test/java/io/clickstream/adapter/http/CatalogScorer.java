package io.clickstream.adapter.http;

import io.clickstream.application.port.out.ModelScorer;
import io.clickstream.domain.Recommendation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A stand-in model over a fixed catalog: recommends catalog items in catalog order with falling scores, so
 * tests can predict its answers exactly.
 */
final class CatalogScorer implements ModelScorer {
    private final String version;
    private final List<String> catalog;

    CatalogScorer(String version, List<String> catalog) {
        this.version = version;
        this.catalog = List.copyOf(catalog);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean knows(String itemId) {
        return catalog.contains(itemId);
    }

    @Override
    public List<Recommendation> recommend(List<String> recentItems, int k, Set<String> exclude) {
        return rank(k, item -> !recentItems.contains(item) && !exclude.contains(item));
    }

    @Override
    public List<Recommendation> similar(String itemId, int k) {
        return rank(k, item -> !item.equals(itemId));
    }

    @Override
    public List<Recommendation> popular(int k, Set<String> exclude) {
        return rank(k, item -> !exclude.contains(item));
    }

    private List<Recommendation> rank(int k, java.util.function.Predicate<String> keep) {
        List<Recommendation> out = new ArrayList<>();
        for (String item : catalog) {
            if (out.size() < k && keep.test(item)) {
                out.add(new Recommendation(item, 1.0 / (out.size() + 1)));
            }
        }
        return out;
    }

    @Override
    public void close() {
    }
}
