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
 * Collects search events (searches and result clicks) from an Elasticsearch or OpenSearch index, reading forward
 * from a checkpoint with {@code search_after} in (timestamp, id) order.
 *
 * <p><b>Late documents.</b> Only events strictly after the checkpoint's (timestamp, id) are read, so a document
 * indexed after the collector has passed its timestamp (a late event, or one not yet visible because the index has
 * not refreshed) is never read. {@code safetyLag} narrows this: the collector reads only events older than now minus
 * the lag, so anything indexed within the lag of its own timestamp is still picked up by a later run. The default is
 * zero (read up to the newest event), which keeps {@link #collect} strictly deterministic; a few seconds (above the
 * index refresh interval, 1 s by default) is advisable against a live index.
 *
 * <p>Documents without an indexed timestamp are read apart, in id order, and rejected with that reason; documents
 * without the id field cannot be placed in the order and are not read (the id field is the required tie-breaker).
 * A point in time is not used: the order is total and reads are strictly after a position, so pages stay consistent
 * without one (and the PIT APIs of Elasticsearch and OpenSearch differ).
 */
public final class OpenSearchClickstreamSourceAdapter implements ClickstreamSource, HealthIndicator {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);

    private final OpenSearchSourceSettings settings;
    private final OpenSearchReader reader;
    private final SearchEventCollector collector;

    public OpenSearchClickstreamSourceAdapter(OpenSearchSourceSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With the clock that the safety lag is measured against. */
    public OpenSearchClickstreamSourceAdapter(OpenSearchSourceSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        EngineAccess access = settings.access();
        ResilientJsonHttp http = new ResilientJsonHttp("OpenSearch (" + access.base() + ")", access);
        this.reader = new OpenSearchReader(http, settings.index(), settings.fields());
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
            return HealthStatus.up(settings.id(), count + " documents in index '" + settings.index() + "' at "
                    + settings.url());
        } catch (IOException | RuntimeException e) {
            return HealthStatus.down(settings.id(), "OpenSearch at " + settings.url() + " (index '"
                    + settings.index() + "'): " + e.getMessage());
        }
    }
}
