package io.clickstream.adapter.search;

import io.clickstream.application.port.out.ClickstreamSource.Chunk;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.RejectedRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Search events in the {@link DocumentPager}'s order, each mapped to a clickstream record or rejected with the reason.
 */
final class SearchEventCollector {

    private final DocumentPager pager;
    private final SearchEventMapper mapper;

    SearchEventCollector(String sourceId, EngineReader reader, SearchEventMapper mapper, int pageSize,
                         Duration safetyLag, Clock clock) {
        this.pager = new DocumentPager(sourceId, reader, pageSize, safetyLag, clock);
        this.mapper = mapper;
    }

    Chunk collect(Optional<String> checkpoint, int maxRecords) {
        List<ClickstreamRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        DocumentPager.Progress progress = pager.read(checkpoint, maxRecords, doc -> {
            SearchEventMapper.Mapped mapped = mapper.map(doc);
            if (mapped.record() != null) {
                records.add(mapped.record());
            } else {
                rejected.add(mapped.rejected());
            }
        });
        return new Chunk(records, rejected, records.size() + rejected.size(), 0, progress.position().toJson(),
                progress.endReached());
    }
}
