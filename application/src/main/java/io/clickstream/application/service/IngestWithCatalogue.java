package io.clickstream.application.service;

import io.clickstream.application.port.in.CollectCatalogueUseCase;
import io.clickstream.application.port.in.CollectCatalogueUseCase.CollectCatalogueCommand;
import io.clickstream.application.port.in.IngestClickstreamUseCase;
import io.clickstream.domain.JobState;
import io.clickstream.domain.NotConfiguredException;
import io.clickstream.domain.StepOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ingest step collects the catalogue first, then the clickstream: one schedule keeps both fresh. A shop with only
 * a catalogue to collect (no clickstream source configured yet) still gets its catalogue landed.
 */
public final class IngestWithCatalogue implements IngestClickstreamUseCase {
    private final CollectCatalogueUseCase catalogue;
    private final IngestClickstreamUseCase clickstream;

    public IngestWithCatalogue(CollectCatalogueUseCase catalogue, IngestClickstreamUseCase clickstream) {
        this.catalogue = catalogue;
        this.clickstream = clickstream;
    }

    @Override
    public StepOutcome ingest(IngestCommand command) {
        StepOutcome collected = catalogue.collect(new CollectCatalogueCommand(command.monitor()));
        StepOutcome ingested;
        try {
            ingested = clickstream.ingest(command);
        } catch (NotConfiguredException e) {
            if (collected.state() == JobState.SKIPPED) {
                throw e;
            }
            return StepOutcome.succeeded(collected.message() + "; no clickstream source is configured",
                    catalogueCounts(collected, Map.of()));
        }
        Map<String, Long> counts = catalogueCounts(collected, ingested.counts());
        if (collected.state() == JobState.SUCCEEDED && ingested.state() == JobState.SKIPPED) {
            return StepOutcome.succeeded(collected.message() + "; " + ingested.message(), counts);
        }
        return new StepOutcome(ingested.state(), ingested.message() + "; " + collected.message(), counts, ingested.measures());
    }

    /** The clickstream's counts with the catalogue's beside them, under {@code catalogue.}. */
    private static Map<String, Long> catalogueCounts(StepOutcome collected, Map<String, Long> clickstream) {
        Map<String, Long> counts = new LinkedHashMap<>(clickstream);
        collected.counts().forEach((name, value) -> counts.put("catalogue." + name, value));
        return counts;
    }
}
