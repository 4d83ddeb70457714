package io.clickstream.application.service;

import io.clickstream.application.port.in.StageInteractionsUseCase;
import io.clickstream.application.port.out.StagingProcessor;
import io.clickstream.application.port.out.StagingProcessor.StagingReport;
import io.clickstream.domain.StepOutcome;

/** Stages new raw events; a run that finds nothing new ends SKIPPED and changes nothing. */
public final class StageService implements StageInteractionsUseCase {
    private final StagingProcessor processor;

    public StageService(StagingProcessor processor) {
        this.processor = processor;
    }

    @Override
    public StepOutcome stage(StageCommand command) {
        StagingReport report = processor.stage(command.monitor());
        if (report.read() == 0) {
            return StepOutcome.skipped("no new events on the raw topic", report.counts());
        }
        return StepOutcome.succeeded("staged " + report.staged() + " of " + report.read() + " events", report.counts());
    }
}
