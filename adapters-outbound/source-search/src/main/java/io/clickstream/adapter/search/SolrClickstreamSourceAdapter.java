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
 * Collects search events (searches and result clicks) from a Solr collection or core, reading forward from a
 * checkpoint: a filter query selects what lies strictly after the checkpoint's (timestamp, id) and {@code cursorMark}
 * pages through it sorted {@code timestamp asc, id asc}.
 *
 * <p><b>Late documents.</b> Only events strictly after the checkpoint's (timestamp, id) are read, so a document
 * added after the collector has passed its timestamp (a late event, or one not yet visible because no commit has
 * opened a new searcher) is never read. {@code safetyLag} narrows this: the collector reads only events older than
 * now minus the lag, so anything committed within the lag of its own timestamp is still picked up by a later run.
 * The default is zero (read up to the newest event), which keeps {@link #collect} strictly deterministic; a lag
 * above the soft-commit interval is advisable against a live collection.
 *
 * <p>Documents without a timestamp are read apart, in id order, and rejected with that reason.
 */
public final class SolrClickstreamSourceAdapter implements ClickstreamSource, HealthIndicator {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);

    private final SolrSourceSettings settings;
    private final SolrReader reader;
    private final SearchEventCollector collector;

    public SolrClickstreamSourceAdapter(SolrSourceSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With the clock that the safety lag is measured against. */
    public SolrClickstreamSourceAdapter(SolrSourceSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        EngineAccess access = settings.access();
        ResilientJsonHttp http = new ResilientJsonHttp("Solr (" + access.base() + ")", access);
        this.reader = new SolrReader(http, settings.collection(), settings.fields());
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
            return HealthStatus.up(settings.id(), count + " documents in collection '" + settings.collection() + "' at "
                    + settings.url());
        } catch (IOException | RuntimeException e) {
            return HealthStatus.down(settings.id(), "Solr at " + settings.url() + " (collection '"
                    + settings.collection() + "'): " + e.getMessage());
        }
    }
}
