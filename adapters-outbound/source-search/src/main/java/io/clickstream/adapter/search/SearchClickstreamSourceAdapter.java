package io.clickstream.adapter.search;

import io.clickstream.application.port.out.ClickstreamSource;
import io.clickstream.application.port.out.HealthIndicator;
import io.clickstream.domain.HealthStatus;
import io.clickstream.domain.Source;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects search events (searches and result clicks) from an Elasticsearch/OpenSearch index or a Solr collection,
 * reading forward from a checkpoint in (timestamp, id) order: {@code search_after} on OpenSearch; on Solr a filter
 * query for what lies strictly after the checkpoint, paged with {@code cursorMark}.
 *
 * <p><b>Late documents.</b> Only events strictly after the checkpoint's (timestamp, id) are read, so a document
 * indexed after the collector has passed its timestamp (a late event, or one not yet visible because the index has
 * not refreshed, or no commit has opened a new Solr searcher) is never read. {@code safetyLag} narrows this: the
 * collector reads only events older than now minus the lag, so anything indexed within the lag of its own timestamp
 * is still picked up by a later run. The default is zero (read up to the newest event), which keeps {@link #collect}
 * strictly deterministic; a lag above the refresh (OpenSearch, 1 s by default) or soft-commit (Solr) interval is
 * advisable against a live index.
 *
 * <p>Documents without an indexed timestamp are read apart, in id order, and rejected with that reason; documents
 * without the id field cannot be placed in the order and are not read (the id field is the required tie-breaker).
 * An OpenSearch point in time is not used: the order is total and reads are strictly after a position, so pages stay
 * consistent without one (and the PIT APIs of Elasticsearch and OpenSearch differ).
 */
public final class SearchClickstreamSourceAdapter implements ClickstreamSource, HealthIndicator {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);

    private final SearchSourceSettings settings;
    private final EngineReader reader;
    private final SearchEventCollector collector;

    public SearchClickstreamSourceAdapter(SearchSourceSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With the clock that the safety lag is measured against. */
    public SearchClickstreamSourceAdapter(SearchSourceSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.reader = settings.reader(settings.fields().id(), settings.fields().timestamp());
        this.collector = new SearchEventCollector(settings.id(), reader, new SearchEventMapper(settings.fields()),
                settings.pageSize(), settings.safetyLag(), clock);
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public Source source() {
        return Source.SEARCH;
    }

    @Override
    public Chunk collect(Optional<String> checkpoint, int maxRecords) {
        return collector.collect(checkpoint, maxRecords);
    }

    @Override
    public HealthStatus check() {
        try {
            long count = reader.count(HEALTH_TIMEOUT);
            return HealthStatus.up(settings.id(), count + " documents in " + settings.where());
        } catch (IOException | RuntimeException e) {
            return HealthStatus.down(settings.id(), settings.engine().displayName() + " " + settings.where() + ": "
                    + e.getMessage());
        }
    }
}
